package io.quantsinfra.core.routing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs Debian's {@code amtool} (package prometheus-alertmanager, installed by scripts/tools-env.sh). Missing, it
 * fails the test that asked for it: the differential is never skipped.
 */
final class Amtool {
    private static final ObjectMapper JSON = new ObjectMapper();
    final String binary = System.getenv().getOrDefault("AMTOOL", "/usr/bin/amtool");

    /** What one run printed on standard output (standard error holds only amtool's --config.file warning). */
    record Run(int exit, String out, String err) {}

    Amtool() {
        assertTrue(Files.isExecutable(Path.of(binary)), binary + " is missing: install Debian's prometheus-alertmanager "
                + "package (bash scripts/tools-env.sh does)");
    }

    /** Writes {@code doc} as JSON, which is YAML, for amtool and returns the file. */
    static Path write(Path dir, String name, Map<String, Object> doc) {
        try {
            return Files.writeString(dir.resolve(name + ".yml"), JSON.writeValueAsString(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Run checkConfig(Path file) {
        return run(List.of("check-config", file.toString()));
    }

    Run show(Path file) {
        return run(List.of("config", "routes", "show", "--config.file=" + file));
    }

    Run test(Path file, List<String> labels, List<String> verify, boolean tree) {
        List<String> args = new ArrayList<>(List.of("config", "routes", "test", "--config.file=" + file));
        if (tree) {
            args.add("--tree");
        }
        if (!verify.isEmpty()) {
            args.add("--verify.receivers=" + String.join(",", verify));
        }
        args.add("--");
        args.addAll(labels);
        return run(args);
    }

    private Run run(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(binary));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            return new Run(p.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
