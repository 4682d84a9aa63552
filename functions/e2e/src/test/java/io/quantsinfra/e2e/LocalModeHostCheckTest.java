package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Local mode's Host and Origin check, with raw HTTP requests (an HTTP client library would not let a test send
 * a foreign Host): what a DNS-rebinding or cross-origin page in the user's browser would send is refused with a
 * 403 problem document and nothing runs; the same request addressed to local mode itself works.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalModeHostCheckTest {
    private static final String CANARY = "CANARY-host-check-7a1b";
    private static final String REVEAL = "{\"name\": \"host-check\"}";
    private LocalModeFixture local;

    @BeforeAll
    void start(AwsEmulator aws) {
        local = new LocalModeFixture(aws);
        var put = local.http("PUT", "/v1/secrets/host-check", "{\"value\": \"" + CANARY + "\"}");
        assertEquals(200, put.statusCode(), put.body());
    }

    @AfterAll
    void stop() {
        local.close();
    }

    private String self() {
        return "127.0.0.1:" + local.local.port();
    }

    @Test
    void reveal_addressedToAnotherHost_isRefused_withoutTheValue() {
        Raw r = send("POST", "/v1/secrets/actions/reveal", "evil.example:" + local.local.port(), null, REVEAL);

        assertEquals(403, r.status(), r.text());
        assertTrue(r.text().toLowerCase(java.util.Locale.ROOT).contains("content-type: application/problem+json"), r.text());
        assertTrue(r.text().contains("Host header names another site"), r.text());
        assertFalse(r.text().contains(CANARY), "the secret never leaves");
    }

    @Test
    void reveal_addressedToLocalMode_works() {
        for (String host : List.of(self(), "localhost:" + local.local.port())) {
            Raw r = send("POST", "/v1/secrets/actions/reveal", host, null, REVEAL);

            assertEquals(200, r.status(), r.text());
            assertTrue(r.text().contains(CANARY), r.text());
        }
    }

    @Test
    void reveal_fromAPageOnAnotherOrigin_isRefused_andFromLocalModesOwnOrigin_works() {
        Raw foreign = send("POST", "/v1/secrets/actions/reveal", self(), "http://evil.example", REVEAL);
        Raw own = send("POST", "/v1/secrets/actions/reveal", self(), "http://" + self(), REVEAL);

        assertEquals(403, foreign.status(), foreign.text());
        assertTrue(foreign.text().contains("cross-origin"), foreign.text());
        assertFalse(foreign.text().contains(CANARY), "the secret never leaves");
        assertEquals(200, own.status(), own.text());
    }

    @Test
    void refusedRequests_changeNothing() {
        String before = local.emulatorState();

        Raw put = send("PUT", "/v1/secrets/planted", "evil.example:" + local.local.port(), null, "{\"value\": \"x\"}");
        Raw deploy = send("POST", "/v1/services/data-collector/deploy", self(), "http://evil.example",
                "{\"hosts\": [\"us-east-1a\"], \"config\": {\"pairs\": [\"BTC-USDT\"]}}");

        assertEquals(403, put.status(), put.text());
        assertEquals(403, deploy.status(), deploy.text());
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }

    /** A status line, headers and body as sent back. */
    private record Raw(int status, String text) {}

    private Raw send(String method, String path, String host, String origin, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String request = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), local.local.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Raw(Integer.parseInt(text.substring(9, 12)), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
