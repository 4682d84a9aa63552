package io.quantsinfra.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built site the tests read: {@code scripts/site-build.sh --if-stale} runs once per test JVM (npm ci from
 * the lock file when node_modules is missing, VitePress when site/dist is missing or older than its sources).
 */
final class SiteBuild {
    private static Path dist;

    private SiteBuild() {}

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isDirectory(p.resolve("docs/rules")) && Files.isDirectory(p.resolve("site")))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** site/dist, built if needed. */
    static synchronized Path dist() {
        if (dist == null) {
            Run r = run(List.of("bash", root().resolve("scripts/site-build.sh").toString(), "--if-stale"), root(), 600);
            if (r.code() != 0) {
                throw new AssertionError("the site did not build (exit " + r.code() + "):\n" + r.output());
            }
            if (!r.output().isBlank()) {
                System.out.print(r.output());
            }
            dist = root().resolve("site/dist");
        }
        return dist;
    }

    record Run(int code, String output) {}

    /** Runs {@code command} in {@code dir}, stdout and stderr together, failing after {@code seconds}. */
    static Run run(List<String> command, Path dir, int seconds) {
        try {
            Path log = Files.createTempFile("site-run", ".log");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + seconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Run(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
