package io.quantsinfra.aws.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.evaluation.Alert;
import io.quantsinfra.core.evaluation.AlertState;
import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.promql.LabelMatcher;
import io.quantsinfra.core.rule.StoredRuleFile;
import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.core.silence.Silence;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The alerting adapters against the emulator: conditional writes, lease, notification log, rate limit, secrets, SES. */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertingAdaptersTest {
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    AwsClients clients;
    Alerting.Ports ports;

    @BeforeAll
    void start(AwsEmulator aws) {
        clients = EmulatedAccount.prepare(aws);
        ports = AwsAlerting.ports(clients);
    }

    @AfterAll
    void stop() {
        clients.close();
    }

    @Test
    void ruleFiles_areVersioned_andAStaleWriteIsRefused() {
        var store = ports.rules();
        store.put(new StoredRuleFile("r1", 1, Map.of("groups", List.of(Map.of("name", "g", "rules", List.of()))), NOW, "a"));
        store.put(new StoredRuleFile("r1", 2, Map.of("groups", List.of()), NOW, "b"));
        assertThrows(ConflictException.class, () -> store.put(new StoredRuleFile("r1", 2, Map.of(), NOW, "c")));
        assertEquals(2, store.get("r1").orElseThrow().version());
        assertEquals("b", store.get("r1").orElseThrow().updatedBy());
        assertTrue(store.list().stream().anyMatch(f -> f.name().equals("r1")));
        store.delete("r1");
        assertThrows(NotFoundException.class, () -> store.delete("r1"));
    }

    @Test
    void alerts_roundTrip_andOnlyOneOfTwoEqualWritesWins() {
        Alert a = new Alert("rule1", "f", "g", Labels.of("alertname", "X", "service", "s"), Map.of("summary", "hi"),
                AlertState.FIRING, 93.5, NOW, NOW, null, null, NOW, 1);
        ports.alerts().save(a);
        assertThrows(ConflictException.class, () -> ports.alerts().save(a));
        Alert read = ports.alerts().all().stream().filter(x -> x.key().equals(a.key())).findFirst().orElseThrow();
        assertEquals(a.labels(), read.labels());
        assertEquals(93.5, read.value());
        assertEquals(NOW, read.firedAt());
        assertEquals(null, read.resolvedAt());
        assertEquals(Map.of("summary", "hi"), read.annotations());
        ports.alerts().remove(read);
        assertThrows(ConflictException.class, () -> ports.alerts().remove(read));
    }

    @Test
    void lease_isExclusiveUntilItExpires_andHeartbeatsAreKept() {
        assertTrue(ports.lease().acquire("t", "a", NOW, Duration.ofMinutes(2)));
        assertFalse(ports.lease().acquire("t", "b", NOW.plusSeconds(60), Duration.ofMinutes(2)));
        assertTrue(ports.lease().acquire("t", "a", NOW.plusSeconds(60), Duration.ofMinutes(2)));
        assertTrue(ports.lease().acquire("t", "b", NOW.plusSeconds(200), Duration.ofMinutes(2)));
        ports.lease().release("t", "a");
        assertFalse(ports.lease().acquire("t", "c", NOW.plusSeconds(201), Duration.ofMinutes(2)));
        ports.lease().release("t", "b");
        assertTrue(ports.lease().acquire("t", "c", NOW.plusSeconds(202), Duration.ofMinutes(2)));
        ports.heartbeats().beat("probe", NOW);
        assertEquals(NOW, ports.heartbeats().last("probe").orElseThrow());
    }

    @Test
    void notificationClaim_goesToExactlyOneOfManyRacers() throws Exception {
        var log = ports.log();
        log.open("r", "{}:{a=\"1\"}", NOW);
        List<Callable<Boolean>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String owner = "o" + i;
            racers.add(() -> log.claim("r", "{}:{a=\"1\"}", 1, owner, NOW));
        }
        List<Boolean> won = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Boolean> f : pool.invokeAll(racers)) {
                won.add(f.get());
            }
        }
        assertEquals(1, won.stream().filter(b -> b).count(), won::toString);
        assertFalse(log.claim("r", "{}:{a=\"1\"}", 1, "late", NOW.plusSeconds(60)));
        assertTrue(log.claim("r", "{}:{a=\"1\"}", 1, "rescuer", NOW.plus(Duration.ofMinutes(6))), "a stale claim is taken over");
        log.sent("r", "{}:{a=\"1\"}", 1, "rescuer", NOW, Set.of("fp1"), "firing");
        var g = log.group("r", "{}:{a=\"1\"}").orElseThrow();
        assertEquals(1, g.seq());
        assertEquals(Set.of("fp1"), g.lastFiring());
        assertFalse(log.claim("r", "{}:{a=\"1\"}", 1, "again", NOW.plus(Duration.ofHours(1))), "a sent notification is never claimed again");
        assertEquals("sent", log.recent(5).getFirst().status());
    }

    @Test
    void rateLimit_holdsAcrossConcurrentCallers() throws Exception {
        List<Callable<Boolean>> takers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            takers.add(() -> ports.stats().tryAcquire("r", "e", 3, NOW));
        }
        long granted = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
            for (Future<Boolean> f : pool.invokeAll(takers)) {
                granted += f.get() ? 1 : 0;
            }
        }
        assertEquals(3, granted);
        assertEquals(3, ports.stats().used("r", "e", NOW));
        assertTrue(ports.stats().tryAcquire("r", "e", 3, NOW.plusSeconds(60)), "a new minute, a new allowance");
        ports.stats().record("r", "e", true, 40, 200, null, NOW);
        ports.stats().record("r", "e", false, 60, 500, "HTTP 500", NOW);
        ports.stats().rateLimited("r", "e", NOW);
        var s = ports.stats().all().stream().filter(x -> x.endpoint().equals("e")).findFirst().orElseThrow();
        assertEquals(2, s.attempts());
        assertEquals(0.5, s.successRate());
        assertEquals(50.0, s.averageLatencyMs());
        assertEquals(1, s.rateLimited());
        assertEquals("HTTP 500", s.lastError());
        assertEquals(0, ports.stats().nextRoundRobin("r"));
        assertEquals(1, ports.stats().nextRoundRobin("r"));
    }

    @Test
    void silences_roundTrip() {
        Silence s = new Silence("s1", List.of(LabelMatcher.of("alertname", LabelMatcher.Op.EQ, "X")), NOW, NOW.plusSeconds(600),
                "alice", "why", NOW, false, 1);
        ports.silences().put(s);
        assertThrows(ConflictException.class, () -> ports.silences().put(s));
        Silence read = ports.silences().get("s1").orElseThrow();
        assertEquals(s.matchers(), read.matchers());
        assertEquals(s.endsAt(), read.endsAt());
    }

    @Test
    void secretValues_readJsonKeys_andNameWhatIsMissing() {
        try (var sm = clients.secretsManager()) {
            sm.createSecret(r -> r.name(clients.settings().secretPrefix() + "alerting/tg").secretString("{\"bot_token\":\"1:abc\",\"chat_id\":-100}"));
        }
        assertEquals("1:abc", ports.secrets().value(new SecretRef("alerting/tg", "bot_token")).reveal());
        assertEquals("-100", ports.secrets().value(new SecretRef("alerting/tg", "chat_id")).reveal());
        NotFoundException e = assertThrows(NotFoundException.class, () -> ports.secrets().value(new SecretRef("alerting/tg", "nosuch")));
        assertTrue(e.getMessage().contains("no JSON key nosuch") && !e.getMessage().contains("abc"), e.getMessage());
        assertThrows(NotFoundException.class, () -> ports.secrets().value(new SecretRef("alerting/missing", null)));
    }

    @Test
    void sesEmail_needsAVerifiedSender() {
        assertThrows(InvalidInputException.class, () -> ports.email().send("nobody@example.com", List.of("ops@example.com"), "s", "t", null));
        try (var ses = clients.ses()) {
            ses.verifyEmailIdentity(r -> r.emailAddress("alerts@example.com"));
        }
        String id = ports.email().send("alerts@example.com", List.of("ops@example.com"), "[FIRING:1] X", "body", null);
        assertFalse(id.isBlank());
    }
}
