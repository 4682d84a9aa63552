package io.quantsinfra.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The evaluator's lease lasts until the cycle's deadline plus a grace, so a dead holder's lease expires in time. */
class LeaseDeadlineTest {
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("scheduled Lambda: 50 s deadline", Duration.ofSeconds(50), Duration.ofSeconds(65)),
                Arguments.of("evaluate endpoint: 25 s deadline", Duration.ofSeconds(25), Duration.ofSeconds(40)),
                Arguments.of("deadline already passed: the grace only", Duration.ofSeconds(-5), AlertEvaluator.LEASE_GRACE),
                Arguments.of("far deadline: at most the lease's TTL", Duration.ofHours(1), AlertEvaluator.LEASE_TTL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void leaseTtl_isTheTimeToTheDeadlinePlusGrace_bounded(String name, Duration toDeadline, Duration expected) {
        assertEquals(expected, AlertEvaluator.leaseTtl(NOW, NOW.plus(toDeadline)));
    }
}
