package io.quantsinfra.core.delivery;

import static io.quantsinfra.core.delivery.DeliveryFixture.T0;
import static io.quantsinfra.core.delivery.DeliveryFixture.firing;
import static io.quantsinfra.core.delivery.DeliveryFixture.jitterAt;
import static io.quantsinfra.core.delivery.DeliveryFixture.receiver;
import static io.quantsinfra.core.delivery.DeliveryFixture.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.notify.Attempt;
import io.quantsinfra.core.routing.Receiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Delivery against a deadline, over a hand-moved clock: no waiting, no timed assertions. */
class DeliveryManagerDeadlineTest {
    final DeliveryFixture f = new DeliveryFixture();

    static DeliveryFixture.Script blackHole() {
        return new DeliveryFixture.Script(Duration.ofMinutes(10), () -> Attempt.success(200));
    }

    static DeliveryFixture.Script timesOutAfter(Duration d) {
        return new DeliveryFixture.Script(d, () -> Attempt.retryable(0, "no answer within " + d.toMillis() + " ms"));
    }

    @Test
    void failover_givesEachAttemptAtMostTheTimeLeft_andStopsBeforeABackoffThatLeavesNone() {
        f.scripts.put("a", timesOutAfter(Duration.ofSeconds(5)));
        f.scripts.put("b", timesOutAfter(Duration.ofSeconds(5)));
        Receiver r = receiver(Receiver.Strategy.PRIORITY, Duration.ofSeconds(1), 10, webhook("a", 1), webhook("b", 2));
        Instant deadline = T0.plusSeconds(12);

        DeliveryManager.Result result = f.manager(jitterAt(0)).deliver(r, firing(), deadline, Set.of());

        assertEquals(List.of(Duration.ofSeconds(12), Duration.ofSeconds(6)), f.attemptLimits, "the time left at each start");
        assertEquals(List.of(Duration.ofSeconds(1)), f.slept, "the 2 s backoff after b would leave no time for an attempt");
        assertFalse(result.ok());
        assertEquals(List.of("a", "b"), result.left().notTried());
        assertFalse(f.clock.instant().isAfter(deadline));
    }

    @Test
    void blackHoledEndpoint_isCutOffAtTheDeadline_countedInItsStats_andLeftForTheNextCycle() {
        f.scripts.put("stuck", blackHole());
        Receiver r = receiver(Receiver.Strategy.PRIORITY, Duration.ofMillis(500), 10, webhook("stuck", 1));

        DeliveryManager.Result result = f.manager(jitterAt(0)).deliver(r, firing(), T0.plusSeconds(8), Set.of());

        assertEquals(List.of(Duration.ofSeconds(8)), f.attemptLimits);
        assertEquals(T0.plusSeconds(8), f.clock.instant(), "cut off exactly at the deadline");
        assertEquals(List.of("stuck"), result.left().cutOff());
        assertTrue(result.attempts().getFirst().cutOff());
        EndpointStats.Stat s = f.stats.all().getFirst();
        assertEquals(1, s.failures());
        assertTrue(s.lastError().startsWith("cut off at the cycle's deadline"), s.lastError());
    }

    @Test
    void tooLittleTimeLeft_startsNoAttemptAtAll() {
        Receiver r = receiver(Receiver.Strategy.PRIORITY, Duration.ofMillis(500), 10, webhook("a", 1));

        DeliveryManager.Result result = f.manager(jitterAt(0)).deliver(r, firing(),
                T0.plus(DeliveryManager.MIN_ATTEMPT).minusMillis(1), Set.of());

        assertTrue(f.sentTo.isEmpty());
        assertEquals(List.of("a"), result.left().notTried());
        assertTrue(f.stats.all().isEmpty(), "nothing was attempted, nothing counted");
    }

    @Test
    void allStrategy_healthyEndpointDelivers_whileTheStuckOneIsCutOff_andTheTakeoverSendsOnlyTheStuckOne() {
        f.scripts.put("stuck", blackHole());
        Receiver r = receiver(Receiver.Strategy.ALL, Duration.ofMillis(500), 2, webhook("stuck", 1), webhook("healthy", 2));

        DeliveryManager.Result first = f.manager(jitterAt(0)).deliver(r, firing(), T0.plusSeconds(8), Set.of());

        assertFalse(first.ok(), "not settled: one endpoint is left");
        assertEquals(Set.of("healthy"), first.delivered());
        assertEquals(List.of("stuck"), first.left().cutOff());
        f.scripts.put("stuck", new DeliveryFixture.Script(Duration.ofMillis(20), () -> Attempt.success(200)));
        f.now.set(T0.plusSeconds(60));

        DeliveryManager.Result next = f.manager(jitterAt(0)).deliver(r, firing(), T0.plusSeconds(68), first.delivered());

        assertTrue(next.ok());
        assertNull(next.left());
        assertEquals(Set.of("healthy", "stuck"), next.delivered());
        assertEquals(1, f.sentTo.stream().filter("healthy"::equals).count(), "never sent to the healthy endpoint twice");
    }

    @Test
    void allStrategy_retryThatDoesNotFit_isLeft_notCountedAsFailed() {
        f.scripts.put("slow", timesOutAfter(Duration.ofSeconds(5)));
        Receiver r = receiver(Receiver.Strategy.ALL, Duration.ofSeconds(4), 2, webhook("slow", 1));

        DeliveryManager.Result result = f.manager(jitterAt(0)).deliver(r, firing(), T0.plusSeconds(9), Set.of());

        assertEquals(List.of("slow"), result.left().notTried());
        assertTrue(f.slept.isEmpty(), "4 s of backoff after 5 s would leave no time");
    }

    static Stream<Arguments> backoffs() {
        return Stream.of(
                Arguments.of("first failure: the base", Duration.ofMillis(500), 0, 0.0, Duration.ofMillis(500)),
                Arguments.of("doubles per failure", Duration.ofMillis(500), 3, 0.0, Duration.ofSeconds(4)),
                Arguments.of("capped at 10 s", Duration.ofSeconds(3), 4, 0.0, Duration.ofSeconds(10)),
                Arguments.of("full jitter: a quarter of the cap", Duration.ofSeconds(1), 2, 0.75, Duration.ofSeconds(1)),
                Arguments.of("full jitter: never zero", Duration.ofSeconds(1), 0, Math.nextDown(1.0), Duration.ofNanos(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backoffs")
    void backoff_isExponentialCappedAndFullyJittered(String name, Duration base, int failures, double u, Duration expected) {
        DeliveryManager m = f.manager(jitterAt(u));

        assertEquals(expected, m.jitter(DeliveryManager.backoff(base, failures)));
    }
}
