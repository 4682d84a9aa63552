package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad jobs input (issue 11), through the CLI and the raw API: cycles, unknown dependencies, oversized payloads, bad
 * priorities, unknown definitions … each refused (exit 2 / 3 with one line, or 4xx problem+json naming the problem),
 * nothing stored, the emulator's state unchanged.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsBadInputTest {
    private static Path dir;
    private LocalModeFixture local;
    private String existing;

    @BeforeAll
    void start(AwsEmulator aws) throws IOException {
        local = new LocalModeFixture(aws);
        var run = local.cli("jobs", "define", "-f", f("fetch-data.yaml", "image: python:3.12-slim\ncommand: [python, -c, 'print(1)']\n"));
        assertEquals(0, run.exit(), run::toString);
        // A cancelled job: depending on it is refused.
        var published = local.cli("jobs", "publish", "fetch-data", "--format", "json");
        assertEquals(0, published.exit(), published::toString);
        existing = published.out().replaceAll("(?s).*?\"id\" : \"([a-z0-9]+)\".*", "$1");
        assertEquals(0, local.cli("jobs", "cancel", existing).exit());
    }

    @AfterAll
    void stop() {
        local.close();
    }

    private static String f(String name, String content) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("jobs-bad-input");
            }
            Path p = dir.resolve(name);
            Files.writeString(p, content);
            return p.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Stream<Arguments> cliCases() {
        List<Arguments> c = new ArrayList<>();
        c.add(cli("unknown definition", 2, "nosuch", "jobs", "publish", "nosuch"));
        c.add(cli("bad priority", 2, "priority", "jobs", "publish", "fetch-data", "--priority", "SUPER"));
        c.add(cli("priority out of range", 2, "priority", "jobs", "publish", "fetch-data", "--priority", "9"));
        c.add(cli("unknown dependency", 2, "01aaaaaaaaaaaaaaaaaaaaaaaa", "jobs", "publish", "fetch-data",
                "--depends-on", "01aaaaaaaaaaaaaaaaaaaaaaaa"));
        c.add(cli("dependency already cancelled", 2, existing, "jobs", "publish", "fetch-data", "--depends-on", existing));
        c.add(cli("oversized payload", 2, "payload", "jobs", "publish", "fetch-data", "--payload",
                "{\"blob\": \"" + "x".repeat(7000) + "\"}"));
        c.add(cli("payload that is not JSON", 2, "not valid JSON", "jobs", "publish", "fetch-data", "--payload", "{symbol: BTC"));
        c.add(cli("payload that is not an object", 2, "JSON object", "jobs", "publish", "fetch-data", "--payload", "[1, 2]"));
        c.add(cli("negative retries", 2, "max_retries", "jobs", "publish", "fetch-data", "--max-retries", "-1"));
        c.add(cli("timeout that is not a duration", 2, "timeout", "jobs", "publish", "fetch-data", "--timeout", "soon"));
        c.add(cli("cycle in a chain", 2, "cycle", "jobs", "publish", "-f", f("cycle.yaml", """
                jobs:
                  - {ref: a, name: fetch-data, depends_on: [b]}
                  - {ref: b, name: fetch-data, depends_on: [a]}
                """)));
        c.add(cli("chain with an unknown ref", 2, "nowhere", "jobs", "publish", "-f", f("unknown-ref.yaml", """
                jobs:
                  - {ref: a, name: fetch-data}
                  - {ref: b, name: fetch-data, depends_on: [nowhere]}
                """)));
        c.add(cli("chain file with job options", 2, "-f publishes", "jobs", "publish", "-f", f("chain.yaml", "jobs: []\n"),
                "--priority", "HIGH"));
        c.add(cli("neither a name nor a chain", 2, "name a job definition", "jobs", "publish"));
        c.add(cli("status that does not exist", 2, "status", "jobs", "list", "--status", "sleeping"));
        c.add(cli("list limit out of range", 2, "limit", "jobs", "list", "--limit", "0"));
        c.add(cli("unknown job", 3, "01bbbbbbbbbbbbbbbbbbbbbbbb", "jobs", "get", "01bbbbbbbbbbbbbbbbbbbbbbbb"));
        c.add(cli("cancel of a finished job", 2, "", "jobs", "cancel", existing));
        c.add(cli("cleanup age out of range", 2, "--older-than", "jobs", "cleanup", "--older-than", "900d"));
        c.add(cli("definition without an image", 2, "image", "jobs", "define", "-f", f("noimage.yaml", "command: [echo]\n")));
        c.add(cli("definition with a literal secret in its environment", 2, "environment.API_SECRET", "jobs", "define", "-f",
                f("literal-env.yaml", "image: python:3.12-slim\nenvironment: {API_SECRET: 'sk-live-0123456789abcdef'}\n")));
        c.add(cli("definition with a literal secret value", 2, "not a literal value", "jobs", "define", "-f", f("literal.yaml",
                "image: python:3.12-slim\nsecrets: {API_SECRET: 'sk-live-0123456789abcdef'}\n")));
        c.add(cli("definition with a credential in its command", 2, "command[3]: holds the value of --api-key", "jobs", "define",
                "-f", f("literal-command.yaml", "image: python:3.12-slim\ncommand: [python, fetch.py, --api-key, 'k-0123456789']\n")));
        c.add(cli("definition with a password in an environment URL", 2, "environment.DATABASE_URL", "jobs", "define", "-f",
                f("literal-url.yaml", "image: python:3.12-slim\nenvironment: {DATABASE_URL: 'postgres://u:hunter2@db/ticks'}\n")));
        c.add(cli("unknown format", 2, "--format must be table or json", "jobs", "list", "--format", "xml"));
        return c.stream();
    }

    private static Arguments cli(String name, int exit, String message, String... args) {
        return Arguments.of(name, exit, message, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cliCases")
    void cli_refusesBadJobsInput_withOneLine_andChangesNothing(String name, int exit, String message, String[] args) {
        String before = local.emulatorState();

        var run = local.cli(args);

        assertEquals(exit, run.exit(), run::toString);
        assertTrue(run.err().contains(message), () -> "expected '" + message + "' in\n" + run);
        assertEquals(1, run.err().lines().count(), () -> "one line on stderr\n" + run);
        assertTrue(run.err().startsWith("error: "), run::toString);
        for (String literal : List.of("sk-live-", "k-0123456789", "hunter2")) {
            assertFalse(run.toString().contains(literal), () -> "a literal secret echoed\n" + run);
        }
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }

    static Stream<Arguments> apiCases() {
        return Stream.of(
                Arguments.of("publish body that is not JSON", "POST", "/v1/jobs", "{not json", 400),
                Arguments.of("publish without a body", "POST", "/v1/jobs", "", 400),
                Arguments.of("too many jobs in one publish", "POST", "/v1/jobs", "{\"jobs\": ["
                        + String.join(",", java.util.Collections.nCopies(101, "{\"name\": \"fetch-data\"}")) + "]}", 400),
                Arguments.of("tags of the wrong type", "POST", "/v1/jobs", "{\"name\": \"fetch-data\", \"tags\": 5}", 400),
                Arguments.of("expiry beyond the limit", "POST", "/v1/jobs", "{\"name\": \"fetch-data\", \"expires_in\": \"90d\"}", 400),
                Arguments.of("definition name in the body differs from the path", "PUT", "/v1/jobs/definitions/fetch-data",
                        "{\"name\": \"other\", \"image\": \"python:3.12-slim\"}", 400),
                Arguments.of("unknown definition", "GET", "/v1/jobs/definitions/nosuch", null, 404),
                Arguments.of("min priority that does not exist", "GET", "/v1/jobs?minPriority=SUPER", null, 400),
                Arguments.of("page token never handed out", "GET", "/v1/jobs?nextToken=%25%25", null, 400),
                Arguments.of("ready limit out of range", "GET", "/v1/jobs/ready?limit=501", null, 400),
                Arguments.of("logs lines out of range", "GET", "/v1/jobs/01bbbbbbbbbbbbbbbbbbbbbbbb/logs?lines=0", null, 400),
                Arguments.of("cleanup age of the wrong type", "POST", "/v1/jobs/cleanup", "{\"olderThanHours\": \"soon\"}", 400),
                Arguments.of("cancel reason of the wrong type", "POST", "/v1/jobs/01bbbbbbbbbbbbbbbbbbbbbbbb/cancel", "{\"reason\": 3}", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiCases")
    void api_refusesBadJobsInput_withProblemJson_andChangesNothing(String name, String method, String path, String body, int status) {
        String before = local.emulatorState();

        HttpResponse<String> r = local.http(method, path, body);

        assertEquals(status, r.statusCode(), r::body);
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0], r::body);
        assertTrue(r.body().contains("\"status\":" + status), r::body);
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }

    /** Freqtrade's own example config (its placeholder credentials and all) as a backtest payload's config. */
    private String exampleConfigPayload() throws IOException {
        try (var in = getClass().getResourceAsStream("/freqtrade-examples/config_binance.example.json")) {
            return "{\"config\": " + new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    + ", \"strategy\": \"SampleStrategy\", \"timerange\": \"20261101-20261201\"}";
        }
    }

    private static final List<String> EXAMPLE_CREDENTIALS = List.of("your_exchange_key", "your_exchange_secret",
            "your_telegram_token", "somethingrandom", "SuperSecurePassword");

    @Test
    void payloadWithFreqtradesExampleConfig_isRefusedNamingEveryCredential_withoutTheirValues() throws IOException {
        String before = local.emulatorState();

        HttpResponse<String> r = local.http("POST", "/v1/jobs", "{\"name\": \"fetch-data\", \"payload\": " + exampleConfigPayload() + "}");

        assertEquals(400, r.statusCode(), r::body);
        for (String field : List.of("payload.config.exchange.key", "payload.config.exchange.secret", "payload.config.telegram.token",
                "payload.config.api_server.jwt_secret_key", "payload.config.api_server.password")) {
            assertTrue(r.body().contains("\"" + field + "\""), () -> field + " in " + r.body());
        }
        EXAMPLE_CREDENTIALS.forEach(v -> assertFalse(r.body().contains(v), r::body));
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));

        var run = local.cli("jobs", "publish", "fetch-data", "--payload", exampleConfigPayload());

        assertEquals(2, run.exit(), run::toString);
        // Every problem at once, a line each, as for any document with several.
        assertTrue(run.err().startsWith("error: 5 problems:"), run::toString);
        assertEquals(5, run.err().lines().filter(l -> l.startsWith("  payload.config.")).count(), run::toString);
        EXAMPLE_CREDENTIALS.forEach(v -> assertFalse(run.toString().contains(v), run::toString));
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }

    @Test
    void publishWithSeveralProblems_reportsEveryOneAtOnce() {
        HttpResponse<String> r = local.http("POST", "/v1/jobs", "{\"name\": \"nosuch\", \"priority\": \"SUPER\", \"max_retries\": 99}");
        assertEquals(400, r.statusCode(), r::body);
        assertTrue(r.body().contains("nosuch") && r.body().contains("priority") && r.body().contains("max_retries"), r::body);
    }
}
