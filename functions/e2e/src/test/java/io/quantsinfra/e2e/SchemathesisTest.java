package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.core.egress.EgressPolicy;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The served {@code /openapi.yml} is a contract a generated client can trust: schemathesis (pinned, installed into
 * the project's virtualenv by {@code scripts/emulator-env.sh}) runs every check over every operation of a throwaway
 * local mode — documented statuses and content types, responses valid against their schemas, schema-valid
 * requests accepted and invalid ones refused, stateful links — with a fixed seed and a bounded example count, and
 * the run must end with no failure.
 *
 * <p>Nothing leaves loopback: the API's egress guard allows loopback only (local mode's default, pinned here), so
 * receivers a generated routing config names cannot reach another address; probing is off, so no request goes to
 * a task's (emulated, private) address and no bot API is called; rule queries go to CloudWatch, that is the
 * emulator, since no Prometheus URL is configured.
 */
@ExtendWith(AwsEmulatorExtension.class)
class SchemathesisTest {
    static final long SEED = 20261207L;
    static final int MAX_EXAMPLES = 4;

    @Test
    void servedDocument_holdsForEveryOperation_withNoFailure(AwsEmulator aws) throws Exception {
        String pin = pinned();
        Path schemathesis = root().resolve(".venv/bin/schemathesis");
        if (!Files.isExecutable(schemathesis) || !installed(schemathesis).contains("version " + pin)) {
            fail("schemathesis " + pin + " is not in the project's virtualenv; install it with: bash scripts/emulator-env.sh");
        }
        Path report = Files.createTempDirectory("schemathesis");
        try (LocalModeFixture local = new LocalModeFixture(aws, Map.of(
                AwsSettings.EGRESS_ALLOW, EgressPolicy.LOOPBACK,
                AwsSettings.HEALTH_PROBE, "false"))) {
            Path config = root().resolve("functions/e2e/src/test/resources/schemathesis.toml");
            List<String> command = List.of(schemathesis.toString(), "--config-file", config.toString(), "--no-color",
                    "run", local.api() + "/openapi.yml",
                    "--checks", "all", "--seed", Long.toString(SEED), "--max-examples", Integer.toString(MAX_EXAMPLES),
                    "--workers", "1", "--request-timeout", "30",
                    "--report", "junit", "--report-dir", report.toString());
            // In a fresh directory: schemathesis keeps a crash cache (.schemathesis/) in its working directory and
            // replays it first, which would make a run depend on the runs before it.
            Process p = new ProcessBuilder(command).directory(report.toFile()).redirectErrorStream(true)
                    .redirectOutput(report.resolve("output.txt").toFile()).start();
            if (!p.waitFor(150, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("schemathesis did not finish in 150 s");
            }
            String output = Files.readString(report.resolve("output.txt"), StandardCharsets.UTF_8);
            Counts counts = Counts.of(report, output);
            System.out.println(output);
            System.out.println("schemathesis: " + counts.operations() + " operations, " + counts.requests() + " requests, "
                    + counts.failures() + " failures");
            System.out.println("command: " + String.join(" ", command));
            assertTrue(counts.operations() > 0 && counts.requests() > 0, output);
            assertEquals(0, counts.failures(), output);
            assertEquals(0, p.exitValue(), output);
        }
    }

    /**
     * What the run covered and found: operations tested and test cases generated (one request each; a stateful
     * scenario counts its steps) from the summary, failures from the JUnit report (every failed or errored case).
     */
    record Counts(int operations, int requests, int failures) {
        static Counts of(Path reportDir, String output) throws IOException {
            int failures = 0;
            try (var files = Files.list(reportDir)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".xml")).toList()) {
                    String xml = Files.readString(f);
                    failures += count(xml, "<failure") + count(xml, "<error");
                }
            }
            return new Counts(number(output, "Tested: (\\d+)"), number(output, "(\\d+) generated"), failures);
        }

        private static int number(String output, String regex) {
            Matcher m = Pattern.compile(regex).matcher(output);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        }

        private static int count(String text, String needle) {
            int n = 0;
            for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
                n++;
            }
            return n;
        }
    }

    /** The version {@code scripts/emulator-env.sh} pins and installs. */
    private static String pinned() throws IOException {
        Matcher m = Pattern.compile("(?m)^SCHEMATHESIS_VERSION=\"([0-9.]+)\"$")
                .matcher(Files.readString(root().resolve("scripts/emulator-env.sh")));
        if (!m.find()) {
            throw new IllegalStateException("scripts/emulator-env.sh pins no SCHEMATHESIS_VERSION");
        }
        return m.group(1);
    }

    private static String installed(Path schemathesis) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(schemathesis.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static Path root() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("scripts/emulator-env.sh"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the project root (scripts/emulator-env.sh)");
    }
}
