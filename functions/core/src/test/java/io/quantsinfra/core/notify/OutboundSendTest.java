package io.quantsinfra.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.egress.EgressGuard;
import io.quantsinfra.core.egress.EgressPolicy;
import io.quantsinfra.core.egress.Resolver;
import io.quantsinfra.core.inmemory.InMemorySecretValues;
import io.quantsinfra.core.notify.webhook.WebhookNotifier;
import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.routing.AlertingSecretValues;
import io.quantsinfra.core.routing.Credential;
import io.quantsinfra.core.routing.Integration;
import io.quantsinfra.core.routing.SecretValues;
import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.testing.receiver.LoopbackReceiver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a send does at the last moment: the guard after DNS, alerting-only secrets, and answers reported without their bodies. */
class OutboundSendTest {
    static final String CANARY = "CANARY-b0dy-91c2";
    static final Notification N = new Notification("r", "{}:{}", 1, Labels.of("alertname", "X"), List.of(new Notification.Alert(
            "firing", Labels.of("alertname", "X"), Map.of(), Instant.EPOCH, null, "fp")), "https://ops.example");

    static HttpPost loopbackOnly() {
        return HttpPost.create().guardedBy(new EgressGuard(EgressPolicy.loopback(), Resolver.SYSTEM));
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("500 with a canary body", 500, "<html>" + CANARY + "</html>", "HTTP 500 (server error)", true),
                Arguments.of("400 with a canary JSON description", 400, "{\"ok\":false,\"description\":\"" + CANARY + "\"}",
                        "HTTP 400 (bad request: the receiver refused the message)", false),
                Arguments.of("404 plain text", 404, CANARY, "HTTP 404 (not found: check the URL)", false),
                Arguments.of("429 rate limited", 429, CANARY, "HTTP 429 (rate limited)", true),
                Arguments.of("302 is not followed", 302, CANARY, "HTTP 302 (redirect, not followed)", false),
                Arguments.of("Slack's documented code is kept", 403, "invalid_token", "HTTP 403 (not authorised: check the credential, invalid_token)", false),
                Arguments.of("Telegram's documented description is kept", 400,
                        "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}",
                        "HTTP 400 (bad request: the receiver refused the message, Bad Request: chat not found)", false),
                Arguments.of("a known code inside a longer body is not", 403, "invalid_token " + CANARY,
                        "HTTP 403 (not authorised: check the credential)", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void json_reportsStatusAndAFixedClassification_neverTheBody(String name, int status, String body, String error,
                                                                boolean retryable) {
        try (LoopbackReceiver r = new LoopbackReceiver()) {
            r.answer(status, body);
            Attempt a = loopbackOnly().json(r.url("/hook"), "{}", Map.of());
            assertFalse(a.ok(), name);
            assertEquals(status, a.status(), name);
            assertEquals(error, a.error(), name);
            assertEquals(retryable, a.retryable(), name);
            assertEquals(1, r.requests().size(), name);
        }
    }

    @Test
    void json_refusesANameThatResolvesToLoopback_beforeConnecting() {
        Resolver rebound = host -> List.of(InetAddress.ofLiteral("127.0.0.1"));
        try (LoopbackReceiver r = new LoopbackReceiver()) {
            String url = r.url("/hook").replace("127.0.0.1", "hooks.example.com");
            Attempt a = HttpPost.create().guardedBy(new EgressGuard(EgressPolicy.strict(), rebound)).json(url, "{}", Map.of());
            assertFalse(a.ok());
            assertFalse(a.retryable());
            assertTrue(a.error().startsWith("not sent: the outbound guard refused the target (its host resolves to a loopback"),
                    a::error);
            assertEquals(List.of(), r.requests());
        }
    }

    @Test
    void json_retries_whenTheNameDoesNotResolve() {
        Resolver none = host -> {
            throw new UnknownHostException(host);
        };
        Attempt a = HttpPost.create().guardedBy(new EgressGuard(EgressPolicy.strict(), none)).json("https://gone.example.com/x", "{}", Map.of());
        assertTrue(a.retryable());
        assertEquals("not sent: the target's host name does not resolve", a.error());
    }

    @Test
    void json_withABadUrl_doesNotRepeatIt() {
        Attempt a = loopbackOnly().json("http://127.0.0.1/a b/" + CANARY, "{}", Map.of());
        assertEquals("the endpoint URL is not valid", a.error());
    }

    @Test
    void webhook_fromASecretNotMeantForAlerting_isNotRead_andFailsPermanently() {
        List<SecretRef> read = new ArrayList<>();
        InMemorySecretValues values = new InMemorySecretValues().put("binance", "apiKey", CANARY);
        SecretValues counting = ref -> {
            read.add(ref);
            return values.value(ref);
        };
        Notifiers notifiers = new Notifiers(List.of(new WebhookNotifier(loopbackOnly(), AlertingSecretValues.of(counting))));
        Attempt a = notifiers.send(new Integration.Webhook("h", true, 1, 0, Credential.of(new SecretRef("binance", "apiKey")), 0), N);
        assertFalse(a.ok());
        assertFalse(a.retryable());
        assertTrue(a.error().contains("secret binance is not meant for alerting"), a::error);
        assertEquals(List.of(), read);
    }

    @Test
    void webhook_fromAnAlertingSecret_isSent() {
        try (LoopbackReceiver r = new LoopbackReceiver()) {
            SecretValues values = AlertingSecretValues.of(new InMemorySecretValues().put("alerting/hook", "url", r.url("/hook")));
            Attempt a = new WebhookNotifier(loopbackOnly(), values).send(
                    new Integration.Webhook("h", true, 1, 0, Credential.of(new SecretRef("alerting/hook", "url")), 0), N);
            assertTrue(a.ok(), a::toString);
            assertEquals(1, r.requests().size());
        }
    }
}
