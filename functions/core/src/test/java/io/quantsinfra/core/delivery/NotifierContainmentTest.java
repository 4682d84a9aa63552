package io.quantsinfra.core.delivery;

import static io.quantsinfra.core.delivery.DeliveryFixture.T0;
import static io.quantsinfra.core.delivery.DeliveryFixture.firing;
import static io.quantsinfra.core.delivery.DeliveryFixture.jitterAt;
import static io.quantsinfra.core.delivery.DeliveryFixture.receiver;
import static io.quantsinfra.core.delivery.DeliveryFixture.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.notify.Attempt;
import io.quantsinfra.core.routing.Credential;
import io.quantsinfra.core.routing.Integration;
import io.quantsinfra.core.routing.Receiver;
import io.quantsinfra.core.secret.SecretRef;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever a notifier throws fails that endpoint's attempt, names secrets but never their values, and is counted. */
class NotifierContainmentTest {
    static final String SECRET = "ht tp://bad url/with token";
    final DeliveryFixture f = new DeliveryFixture();

    static Integration.Webhook fromSecret(String name) {
        return new Integration.Webhook(name, true, 1, 0, Credential.of(new SecretRef("alerting/hook", "url")), 0);
    }

    static Stream<Arguments> thrown() {
        return Stream.of(
                Arguments.of("URI.create on a bad URL", (Supplier<RuntimeException>) () ->
                        new IllegalArgumentException("Illegal character in scheme name at index 2: " + SECRET),
                        "the endpoint URL in secret `alerting/hook` is not a valid URL"),
                Arguments.of("a bug in a notifier", (Supplier<RuntimeException>) () -> new NullPointerException(SECRET),
                        "the webhook notifier failed (NullPointerException); its credentials come from secret `alerting/hook`"),
                Arguments.of("a number that is not one", (Supplier<RuntimeException>) () -> new NumberFormatException(SECRET),
                        "the webhook notifier failed (NumberFormatException); its credentials come from secret `alerting/hook`"),
                Arguments.of("a class cast", (Supplier<RuntimeException>) () -> new ClassCastException(SECRET),
                        "the webhook notifier failed (ClassCastException); its credentials come from secret `alerting/hook`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("thrown")
    void thrownByANotifier_failsThatEndpointOnly_withoutTheSecret(String name, Supplier<RuntimeException> error, String message) {
        f.scripts.put("bad", new DeliveryFixture.Script(Duration.ZERO, () -> {
            throw error.get();
        }));
        DeliveryManager m = f.manager(jitterAt(0));

        DeliveryManager.Result bad = m.deliver(receiver(Receiver.Strategy.ALL, Duration.ofMillis(100), 2, fromSecret("bad")),
                firing(), T0.plusSeconds(25), Set.of());
        DeliveryManager.Result good = m.deliver(receiver(Receiver.Strategy.ALL, Duration.ofMillis(100), 2, webhook("good", 1)),
                firing(), T0.plusSeconds(25), Set.of());

        assertFalse(bad.ok());
        assertEquals(message, bad.attempts().getFirst().error());
        assertFalse(bad.attempts().getFirst().retryable(), "trying again will not fix it");
        assertTrue(good.ok(), "the next receiver is notified");
        EndpointStats.Stat s = f.stats.all().stream().filter(x -> x.endpoint().equals("bad")).findFirst().orElseThrow();
        assertEquals(1, s.failures());
        assertFalse(s.lastError().contains("token") || s.lastError().contains("bad url"), s.lastError());
    }

    @Test
    void stackOverflow_inOneNotifier_isContained() {
        f.scripts.put("deep", new DeliveryFixture.Script(Duration.ZERO, () -> {
            throw new StackOverflowError();
        }));

        DeliveryManager.Result r = f.manager(jitterAt(0)).deliver(receiver(Receiver.Strategy.PRIORITY, Duration.ofMillis(100), 2,
                fromSecret("deep"), webhook("fallback", 2)), firing(), T0.plusSeconds(25), Set.of());

        assertTrue(r.ok(), "failed over to the next endpoint");
        assertEquals("fallback", r.deliveredVia());
        assertTrue(r.attempts().getFirst().error().startsWith("the webhook notifier overflowed the stack"),
                r.attempts().getFirst().error());
    }

    @Test
    void outOfMemory_isNotContained_theCycleStops() {
        f.scripts.put("oom", new DeliveryFixture.Script(Duration.ZERO, () -> {
            throw new OutOfMemoryError("simulated");
        }));
        DeliveryManager m = f.manager(jitterAt(0));
        Receiver r = receiver(Receiver.Strategy.PRIORITY, Duration.ofMillis(100), 2, webhook("oom", 1));

        assertThrows(OutOfMemoryError.class, () -> m.deliver(r, firing(), T0.plusSeconds(25), Set.of()));
    }

    @Test
    void aContainedFailure_isAnAttemptLikeAnyOther() {
        Attempt a = Containment.failure(webhook("literal", 1), new IllegalArgumentException("http://x y"));
        assertEquals("the endpoint URL is not a valid URL", a.error());
    }
}
