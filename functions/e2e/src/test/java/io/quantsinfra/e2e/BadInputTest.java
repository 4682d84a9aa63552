package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, through the CLI and the raw API: each case is refused with a message naming the problem and
 * the right exit code or HTTP status, prints one line and no stack trace, and leaves the emulator's state
 * exactly as it was.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private static Path dir;
    private LocalModeFixture local;

    @BeforeAll
    void start(AwsEmulator aws) throws IOException {
        local = new LocalModeFixture(aws);
        Path collector = file("collector.json", "{\"pairs\": [\"BTC-USDT\"]}");
        var run = local.cli("deploy", "--service", "data-collector", "--host", "us-east-1a", "--config", collector.toString());
        assertEquals(0, run.exit(), run::toString);
    }

    @AfterAll
    void stop() {
        local.close();
    }

    private static Path file(String name, String content) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("bad-input");
            }
            Path f = dir.resolve(name);
            Files.writeString(f, content);
            return f;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String f(String name, String content) {
        return file(name, content).toString();
    }

    static Stream<Arguments> cliCases() {
        List<Arguments> c = new ArrayList<>();
        c.add(cli("unknown service", 3, "unknown service 'nosuch'", "deploy", "--service", "nosuch"));
        c.add(cli("unknown instance", 3, "data-collector-9 does not exist", "manage", "--service", "data-collector-9", "--action", "stop"));
        c.add(cli("unknown instance for logs", 3, "does not exist", "logs", "--service", "data-collector-7"));
        c.add(cli("instance index zero", 2, "not an instance id", "manage", "--service", "data-collector-0", "--action", "start"));
        c.add(cli("path-like instance id", 2, "not an instance id", "logs", "--service", "../../etc/passwd"));
        c.add(cli("malformed JSON config", 2, "not valid JSON", "deploy", "--service", "data-collector",
                "--config", f("broken.json", "{\"pairs\": [\"BTC-USDT\"")));
        c.add(cli("malformed YAML config", 2, "not valid YAML", "deploy", "--service", "data-collector",
                "--config", f("broken.yaml", "pairs: [BTC-USDT\ninterval: : 5\n")));
        c.add(cli("duplicate key in JSON", 2, "not valid JSON", "deploy", "--service", "data-collector",
                "--config", f("dup.json", "{\"pairs\": [\"BTC-USDT\"], \"pairs\": [\"ETH-USDT\"]}")));
        c.add(cli("config is a list", 2, "must hold an object", "deploy", "--service", "data-collector",
                "--config", f("list.json", "[1, 2]")));
        c.add(cli("empty config file", 2, "is empty", "deploy", "--service", "data-collector", "--config", f("empty.yaml", "")));
        c.add(cli("missing config file", 3, "config file not found", "deploy", "--service", "data-collector",
                "--config", "/nonexistent/collector.json"));
        c.add(cli("wrong type for interval", 2, "interval", "deploy", "--service", "data-collector",
                "--config", f("type.json", "{\"pairs\": [\"BTC-USDT\"], \"interval\": \"five\"}")));
        c.add(cli("interval below 1", 2, "interval", "deploy", "--service", "data-collector",
                "--config", f("zero.json", "{\"pairs\": [\"BTC-USDT\"], \"interval\": 0}")));
        c.add(cli("bad pair form", 2, "pairs[1]", "deploy", "--service", "data-collector",
                "--config", f("pairs.json", "{\"pairs\": [\"BTC-USDT\", \"BTCUSDT\"]}")));
        c.add(cli("unknown config key", 2, "intervall", "deploy", "--service", "data-collector",
                "--config", f("unknown.json", "{\"pairs\": [\"BTC-USDT\"], \"intervall\": 5}")));
        c.add(cli("missing required key", 2, "pairs", "deploy", "--service", "data-collector",
                "--config", f("missing.json", "{\"exchange\": \"gateio\"}")));
        c.add(cli("relative output_dir", 2, "output_dir", "deploy", "--service", "data-collector",
                "--config", f("outdir.json", "{\"pairs\": [\"BTC-USDT\"], \"output_dir\": \"data/../x\"}")));
        c.add(cli("literal exchange secret", 2, "literal secret", "deploy", "--service", "freqtrade",
                "--config", f("literal.json", "{\"strategy\": \"S\", \"stake_amount\": 100, \"exchange\": {\"name\": \"binance\", "
                        // one literal: two would be two problems, reported together (FreqtradeExampleConfigsTest)
                        + "\"secret\": \"not-a-real-secret\", \"pair_whitelist\": [\"BTC/USDT\"]}}")));
        c.add(cli("unknown availability zone", 2, "unknown host 'us-east-1z'", "deploy", "--service", "data-collector",
                "--host", "us-east-1z", "--config", f("ok1.json", "{\"pairs\": [\"BTC-USDT\"]}")));
        c.add(cli("negative count", 2, "count", "scale", "--service", "data-collector", "--count", "-1"));
        c.add(cli("huge count", 2, "count", "scale", "--service", "data-collector", "--count", "1000"));
        c.add(cli("scale an unknown service", 3, "unknown service", "scale", "--service", "bots", "--count", "1"));
        c.add(cli("unknown action", 2, "--action must be start, stop or restart", "manage", "--service", "data-collector-1", "--action", "reboot"));
        c.add(cli("unknown format", 2, "--format must be table or json", "status", "--format", "xml"));
        c.add(cli("lines zero", 2, "--lines", "logs", "--service", "data-collector-1", "--lines", "0"));
        c.add(cli("lines over the maximum", 2, "--lines", "logs", "--service", "data-collector-1", "--lines", "20000"));
        c.add(cli("unparseable since", 2, "since", "logs", "--service", "data-collector-1", "--since", "yesterday"));
        c.add(cli("invalid cpu", 2, "cpu", "deploy", "--service", "data-collector", "--cpu", "300",
                "--config", f("ok2.json", "{\"pairs\": [\"BTC-USDT\"]}")));
        c.add(cli("cpu and memory that Fargate does not offer", 2, "memory", "deploy", "--service", "data-collector",
                "--cpu", "256", "--memory", "8192", "--config", f("ok3.json", "{\"pairs\": [\"BTC-USDT\"]}")));
        c.add(cli("malformed image", 2, "image", "deploy", "--service", "data-collector", "--image", "bad image!",
                "--config", f("ok4.json", "{\"pairs\": [\"BTC-USDT\"]}")));
        c.add(cli("port out of range", 2, "port", "deploy", "--service", "data-collector", "--port", "70000",
                "--config", f("ok5.json", "{\"pairs\": [\"BTC-USDT\"]}")));
        c.add(cli("terraform flag", 2, "aws-cdk@2 deploy", "deploy", "--service", "data-collector", "--terraform"));
        c.add(cli("destroy without force", 2, "--force", "destroy", "--service", "data-collector"));
        c.add(cli("missing required option", 2, "--service", "deploy"));
        c.add(cli("endpoint that is not a URL", 2, "--endpoint", "status", "--endpoint", "not a url"));
        c.add(cli("timeout that is not a duration", 2, "--timeout", "deploy", "--service", "data-collector", "--timeout", "soon",
                "--config", f("ok6.json", "{\"pairs\": [\"BTC-USDT\"]}")));
        return c.stream();
    }

    private static Arguments cli(String name, int exit, String message, String... args) {
        return Arguments.of(name, exit, message, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cliCases")
    void cli_refusesBadInput_withOneLine_andChangesNothing(String name, int exit, String message, String[] args) {
        String before = local.emulatorState();

        var run = local.cli(args);

        assertEquals(exit, run.exit(), run::toString);
        assertTrue(run.err().contains(message), () -> "expected '" + message + "' in\n" + run);
        assertEquals(1, run.err().lines().count(), () -> "one line on stderr\n" + run);
        assertTrue(run.err().startsWith("error: "), run::toString);
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }

    static Stream<Arguments> apiCases() {
        return Stream.of(
                Arguments.of("body that is not JSON", "POST", "/v1/services/data-collector/deploy", "{not json", 400),
                Arguments.of("hosts of the wrong type", "POST", "/v1/services/data-collector/deploy",
                        "{\"hosts\": \"us-east-1a\", \"config\": {\"pairs\": [\"BTC-USDT\"]}}", 400),
                // 300 KB that used to backtrack quadratically in the secret heuristic of the message (HostileValuesTest).
                Arguments.of("a hostile 300 KB value in a Freqtrade config", "POST", "/v1/services/freqtrade/deploy",
                        "{\"config\": {\"stake_currency\": \"https://x/?" + "key".repeat(100_000) + "\", \"stake_amount\": 10}}", 400),
                Arguments.of("unknown route", "GET", "/v1/nothing-here", null, 404),
                Arguments.of("wrong method", "PUT", "/v1/status", "{}", 405),
                Arguments.of("destroy without confirmation", "DELETE", "/v1/services/data-collector", null, 409),
                Arguments.of("destroy with the wrong confirmation", "DELETE", "/v1/services/data-collector?confirm=monitor", null, 409),
                Arguments.of("count of the wrong type", "POST", "/v1/services/data-collector/scale", "{\"count\": \"many\"}", 400),
                Arguments.of("history limit out of range", "GET", "/v1/services/data-collector/history?limit=0", null, 400),
                Arguments.of("log token that was never handed out", "GET", "/v1/instances/data-collector-1/logs?nextToken=%25%25%25", null, 400),
                Arguments.of("encoded path traversal", "GET", "/v1/instances/..%2F..%2Fetc/health", null, 400),
                Arguments.of("a null host", "POST", "/v1/services/data-collector/deploy",
                        "{\"hosts\": [null], \"config\": {\"pairs\": [\"BTC-USDT\"]}}", 400),
                Arguments.of("a deploy without a body", "POST", "/v1/services/data-collector/deploy", "", 400),
                Arguments.of("revert without a version", "POST", "/v1/secrets/actions/revert", "{\"name\": \"x\"}", 400),
                Arguments.of("rotate with neither value nor generate", "POST", "/v1/secrets/actions/rotate", "{\"name\": \"x\"}", 400),
                Arguments.of("reveal without a name", "POST", "/v1/secrets/actions/reveal", "{}", 400),
                Arguments.of("settle without a name", "POST", "/v1/secrets/actions/settle", "{}", 400),
                Arguments.of("settle with an invalid name", "POST", "/v1/secrets/actions/settle", "{\"name\": \"a b\"}", 400),
                Arguments.of("put without a value", "PUT", "/v1/secrets/x", "{}", 400),
                Arguments.of("action of the wrong type", "POST", "/v1/instances/data-collector-1/actions", "{\"action\": 3}", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiCases")
    void api_refusesBadInput_withProblemJson_andChangesNothing(String name, String method, String path, String body, int status) {
        String before = local.emulatorState();

        HttpResponse<String> r = local.http(method, path, body);

        assertEquals(status, r.statusCode(), r::body);
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0], r::body);
        assertTrue(r.body().contains("\"status\":" + status), r::body);
        assertTrue(r.body().contains("\"requestId\""), r::body);
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }
}
