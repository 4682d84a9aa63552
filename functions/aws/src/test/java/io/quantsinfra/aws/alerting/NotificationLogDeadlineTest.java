package io.quantsinfra.aws.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.core.dispatch.NotificationLog;
import io.quantsinfra.core.inmemory.InMemoryNotificationLog;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The notification log's deadline states, the same for the DynamoDB adapter (against the emulator) and the
 * in-memory one: a claim holds until its cycle's deadline, a deferred notification is taken over with the endpoints
 * that already have it, and a sent one is never claimed again.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationLogDeadlineTest {
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant DEADLINE = NOW.plusSeconds(25);
    AwsClients clients;

    @BeforeAll
    void start(AwsEmulator aws) {
        clients = EmulatedAccount.prepare(aws);
    }

    @AfterAll
    void stop() {
        clients.close();
    }

    Stream<Arguments> logs() {
        Supplier<NotificationLog> dynamo = () -> AwsAlerting.ports(clients).log();
        Supplier<NotificationLog> memory = InMemoryNotificationLog::new;
        return Stream.of(Arguments.of("dynamodb", dynamo), Arguments.of("in memory", memory));
    }

    /** A group key of its own per test and implementation (the emulated table is shared by the class). */
    static String group() {
        return "{}:{a=\"" + UUID.randomUUID() + "\"}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void claim_holdsUntilItsDeadline_thenIsTakenOver(String name, Supplier<NotificationLog> make) {
        NotificationLog log = make.get();
        String g = group();
        log.open("r", g, NOW);

        assertTrue(log.claim("r", g, 1, "first", NOW, DEADLINE).isPresent());

        assertTrue(log.claim("r", g, 1, "second", DEADLINE.minusSeconds(1), DEADLINE.plusSeconds(24)).isEmpty(),
                "held before its deadline");
        var taken = log.claim("r", g, 1, "second", DEADLINE.plusSeconds(1), DEADLINE.plusSeconds(26));
        assertTrue(taken.isPresent(), "taken over once the holder's deadline passed");
        assertTrue(taken.get().takenOver());
        assertEquals(Set.of(), taken.get().delivered());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void deferred_isTakenOverByTheNextCycle_withTheEndpointsThatHaveIt(String name, Supplier<NotificationLog> make) {
        NotificationLog log = make.get();
        String g = group();
        log.open("r", g, NOW);
        log.claim("r", g, 1, "cycle-1", NOW, DEADLINE);

        log.defer("r", g, 1, "cycle-1", DEADLINE, Set.of("healthy"), "cut off mid-attempt: stuck");
        var next = log.claim("r", g, 1, "cycle-2", NOW.plusSeconds(60), NOW.plusSeconds(85));

        assertTrue(next.isPresent(), "a deferred notification is free for the next cycle at once");
        assertEquals(Set.of("healthy"), next.get().delivered());
        assertTrue(log.claim("r", g, 1, "cycle-3", NOW.plusSeconds(61), NOW.plusSeconds(86)).isEmpty(),
                "and then held by that cycle");
        log.sent("r", g, 1, "cycle-2", NOW.plusSeconds(62), Set.of("fp"), "firing via healthy,stuck");
        assertTrue(log.claim("r", g, 1, "cycle-4", NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1))).isEmpty(),
                "a sent notification is never claimed again");
        assertEquals(1, log.group("r", g).orElseThrow().seq());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void defer_bySomeoneWhoNoLongerHoldsTheClaim_changesNothing(String name, Supplier<NotificationLog> make) {
        NotificationLog log = make.get();
        String g = group();
        log.open("r", g, NOW);
        log.claim("r", g, 1, "late", NOW, DEADLINE);
        log.claim("r", g, 1, "taker", DEADLINE.plusSeconds(1), DEADLINE.plusSeconds(26));

        log.defer("r", g, 1, "late", DEADLINE.plusSeconds(2), Set.of("x"), "too late");

        assertFalse(log.claim("r", g, 1, "third", DEADLINE.plusSeconds(3), DEADLINE.plusSeconds(28)).isPresent(),
                "the taker still holds it");
    }
}
