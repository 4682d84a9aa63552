package io.quantsinfra.testing.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * moto in server mode, installed by {@code scripts/emulator-env.sh} into the project's virtualenv and
 * started on a loopback port. Failing to start is an error, never a skip.
 */
public final class MotoServer implements AwsEmulator, AutoCloseable {
    private final Process process;
    private final URI endpoint;
    private final String version;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MotoServer(Process process, URI endpoint, String version) {
        this.process = process;
        this.endpoint = endpoint;
        this.version = version;
    }

    /**
     * Installs (if needed) and starts moto on {@code port} (0 = a free one), waiting until it answers.
     *
     * @param env extra environment for moto, e.g. {@code MOTO_ECS_SERVICE_RUNNING}
     */
    public static MotoServer start(int port, Map<String, String> env, Path logFile) {
        Path root = projectRoot();
        String motoServer = install(root);
        int chosen = port == 0 ? freePort() : port;
        // moto's own server, one request at a time (scripts/moto-serialized.py: conditional writes atomic, as on AWS)
        List<String> cmd = new ArrayList<>(List.of(pythonBeside(motoServer), root.resolve("scripts/moto-serialized.py").toString(),
                "-H", "127.0.0.1", "-p", Integer.toString(chosen)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (logFile != null) {
            pb.redirectOutput(logFile.toFile());
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        pb.environment().putAll(env);
        pb.environment().putIfAbsent("AWS_DEFAULT_REGION", "us-east-1");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the AWS emulator (" + motoServer + "): " + e.getMessage(), e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + chosen);
        MotoServer server = new MotoServer(p, endpoint, versionOf(root));
        server.awaitReady(Duration.ofSeconds(60));
        return server;
    }

    /** The Python that runs {@code moto_server} (the virtualenv's, or the machine's beside its moto_server). */
    static String pythonBeside(String motoServer) {
        Path python = Path.of(motoServer).resolveSibling("python");
        return Files.isExecutable(python) ? python.toString() : "python3";
    }

    /** Runs the project's install script and returns the path of {@code moto_server}. */
    static String install(Path root) {
        Path script = root.resolve("scripts/emulator-env.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("cannot find " + script + " to install the AWS emulator");
        }
        try {
            Process p = new ProcessBuilder("bash", script.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int rc = p.waitFor();
            if (rc != 0 || out.isEmpty()) {
                throw new IllegalStateException("installing the AWS emulator failed (" + script + " exited " + rc + ")");
            }
            String[] lines = out.split("\n");
            return lines[lines.length - 1].trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing the AWS emulator", e);
        }
    }

    private static String versionOf(Path root) {
        try {
            Path python = root.resolve(".venv/bin/python");
            Process p = new ProcessBuilder(python.toString(), "-c", "import moto; print(moto.__version__)")
                    .redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return v;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** The repository root: the nearest parent holding {@code scripts/emulator-env.sh}. */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("scripts/emulator-env.sh"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the project root (scripts/emulator-env.sh) above " + dir);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the AWS emulator exited with code " + process.exitValue() + " while starting");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the AWS emulator", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the AWS emulator", e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the AWS emulator did not answer on " + endpoint + " within " + timeout.toSeconds() + " s");
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void reset() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("resetting the AWS emulator answered " + r.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("resetting the AWS emulator failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Freezes or releases a moto state transition, e.g. {@code ecs::task} with {@code manual} progression. */
    public void setTransition(String modelName, String json) {
        try {
            http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/state-manager/set-transition"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model_name\":\"" + modelName + "\",\"transition\":" + json + "}"))
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String describe() {
        return "moto " + version + " at " + endpoint;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(5), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
