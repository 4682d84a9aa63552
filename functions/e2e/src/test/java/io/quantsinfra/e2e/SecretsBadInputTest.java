package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
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

/** Bad secret input, refused clearly through the CLI with the emulator's state unchanged. */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsBadInputTest {
    private static Path dir;
    private LocalModeFixture local;

    @BeforeAll
    void start(AwsEmulator aws) throws IOException {
        local = new LocalModeFixture(aws);
        assertEquals(0, local.cli("secrets", "put", "exchange", "--value-file", f("ok.json", "{\"apiKey\": \"v\"}")).exit());
        assertEquals(0, local.cli("secrets", "put", "gone", "--value-file", f("ok.txt", "plain")).exit());
        assertEquals(0, local.cli("secrets", "delete", "gone", "--recovery-days", "7").exit());
    }

    @AfterAll
    void stop() {
        local.close();
    }

    private static String f(String name, String content) {
        return bytes(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String bytes(String name, byte[] content) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("secrets-bad-input");
            }
            return Files.write(dir.resolve(name), content).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        c.add(row("name with a space", 2, "not a valid secret name", "secrets", "put", "bad name", "--value-file", f("v1", "x")));
        c.add(row("name with a star", 2, "not a valid secret name", "secrets", "put", "a*b", "--value-file", f("v2", "x")));
        c.add(row("over-long name", 2, "at most", "secrets", "put", "n".repeat(600), "--value-file", f("v3", "x")));
        c.add(row("empty path segment", 2, "empty path segment", "secrets", "put", "a//b", "--value-file", f("v4", "x")));
        c.add(row("over-long value", 2, "65536", "secrets", "put", "big", "--value-file", f("big", "x".repeat(70_000))));
        c.add(row("binary value", 2, "not UTF-8", "secrets", "put", "bin", "--value-file",
                bytes("bin", new byte[] {0x00, (byte) 0xff, (byte) 0xfe, 0x01})));
        c.add(row("control characters in a value", 2, "looks binary", "secrets", "put", "ctl", "--value-file", f("ctl", "a\u0001b")));
        c.add(row("malformed JSON value", 2, "not valid JSON", "secrets", "put", "js", "--value-file", f("js", "{\"apiKey\": ")));
        c.add(row("nested JSON value", 2, "nested object", "secrets", "put", "nest", "--value-file", f("nest", "{\"a\": {\"b\": \"c\"}}")));
        c.add(row("empty value", 2, "must not be empty", "secrets", "put", "empty", "--value-file", f("empty", "")));
        c.add(row("value as an argument", 2, "Unknown option", "secrets", "put", "arg", "--value", "hunter2"));
        c.add(row("no value source", 2, "Missing required", "secrets", "put", "none"));
        c.add(row("missing value file", 3, "value file not found", "secrets", "put", "nofile", "--value-file", "/nonexistent/v.json"));
        c.add(row("get of an unknown secret", 3, "does not exist", "secrets", "get", "nope"));
        c.add(row("recovery window below 7 days", 2, "7 to 30 days", "secrets", "delete", "exchange", "--recovery-days", "3"));
        c.add(row("recovery window above 30 days", 2, "7 to 30 days", "secrets", "delete", "exchange", "--recovery-days", "31"));
        c.add(row("recovery window and force", 2, "not both", "secrets", "delete", "exchange", "--recovery-days", "7", "--force"));
        c.add(row("rotate of a missing secret", 3, "does not exist", "secrets", "rotate", "nope", "--generate"));
        c.add(row("reveal of a deleted secret", 3, "scheduled for deletion", "secrets", "get", "gone", "--reveal"));
        c.add(row("put to a secret scheduled for deletion", 2, "restore it", "secrets", "put", "gone", "--value-file", f("v5", "x")));
        c.add(row("restore of a live secret", 2, "not scheduled for deletion", "secrets", "restore", "exchange"));
        c.add(row("generated value too short", 2, "16 to 4096", "secrets", "rotate", "gone2", "--generate", "--length", "8"));
        c.add(row("length without generate", 2, "--length goes with --generate", "secrets", "rotate", "exchange",
                "--value-file", f("v6", "{\"apiKey\": \"w\"}"), "--length", "20"));
        c.add(row("rotation that drops a JSON key", 2, "lacks JSON key(s) [apiKey]", "secrets", "rotate", "exchange",
                "--value-file", f("v7", "{\"other\": \"w\"}")));
        c.add(row("generated plain value for a JSON secret", 2, "lacks JSON key", "secrets", "rotate", "exchange", "--generate"));
        c.add(row("unknown JSON key in a deploy", 3, "no JSON key 'apiKeyy'", "deploy", "--service", "freqtrade", "--config",
                f("bot.yaml", "strategy: S\nstake_amount: 1\nexchange: {name: binance, key: {secretRef: exchange, jsonKey: apiKeyy}, "
                        + "pair_whitelist: [BTC/USDT]}\n")));
        c.add(row("reference with a bad secret name", 2, "secretRef", "deploy", "--service", "freqtrade", "--config",
                f("bot2.yaml", "strategy: S\nstake_amount: 1\nexchange: {name: binance, key: {secretRef: 'a b'}, "
                        + "pair_whitelist: [BTC/USDT]}\n")));
        return c.stream();
    }

    private static Arguments row(String name, int exit, String message, String... args) {
        return Arguments.of(name, exit, message, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void secrets_refuseBadInput_andChangeNothing(String name, int exit, String message, String[] args) {
        String before = local.emulatorState();

        var run = local.cli(args);

        assertEquals(exit, run.exit(), run::toString);
        assertTrue(run.err().contains(message), () -> "expected '" + message + "' in\n" + run);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }
}
