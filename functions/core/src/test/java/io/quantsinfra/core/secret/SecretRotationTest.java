package io.quantsinfra.core.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.error.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rotation state machine: the API's rotate and the four steps of the rotation Lambda share it. */
class SecretRotationTest {
    private final InMemorySecretStore store = new InMemorySecretStore();
    private final FakeEcs ecs = new FakeEcs();
    private SecretTest test = SecretTest.ACCEPT;

    private SecretService service() {
        return new SecretService(store, store, ecs, ecs, (n, v) -> test.test(n, v), InMemorySecretStore.PREFIX,
                Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void rotate_promotesTheNewValue_keepsThePreviousOne_andRestartsExactlyTheConsumers() {
        String first = store.generatedSecret("grafana", "a-sixteen-char-password");
        ecs.run("monitor-1", InMemorySecretStore.arn("grafana"));
        ecs.run("freqtrade-1", InMemorySecretStore.arn("binance"));

        SecretService.Rotation r = service().rotate("grafana", SecretValue.of("another-long-password"), "alice");

        assertEquals("another-long-password", store.reveal("grafana").reveal());
        assertEquals(first, r.previousVersion());
        assertTrue(store.stages("grafana", first).contains("AWSPREVIOUS"));
        assertEquals(List.of("monitor-1"), r.restarted());
        assertEquals(List.of("monitor-1"), ecs.restarts);
        assertEquals("rotate secret grafana", ecs.history.getFirst().changes().getFirst());
        assertEquals(r.version(), store.holder("grafana", SecretRotation.ROLLOUT_LABEL), "the rollout waits to be judged");
    }

    @Test
    void rotate_candidateFailingItsTest_isDiscarded_andTheCurrentValueStays() {
        String first = store.generatedSecret("binance", "{\"apiKey\":\"k1\",\"secret\":\"s1\"}");
        ecs.run("freqtrade-1", InMemorySecretStore.arn("binance"));
        test = (name, candidate) -> {
            throw new IllegalStateException("exchange said no to " + candidate.reveal());
        };

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> service().rotate("binance", SecretValue.of("{\"apiKey\":\"k2\",\"secret\":\"s2\"}"), "alice"));

        assertFalse(e.getMessage().contains("k2"), "the test's message may echo the key: " + e.getMessage());
        assertEquals(first, store.current("binance"));
        assertNull(store.holder("binance", "AWSPENDING"));
        assertEquals(List.of(), ecs.restarts);
    }

    @Test
    void rotate_newValueWithoutAKeyTheCurrentHas_isRefusedBeforeAnythingIsWritten() {
        store.generatedSecret("binance", "{\"apiKey\":\"k1\",\"secret\":\"s1\"}");
        int writes = store.writes.size();

        assertThrows(InvalidInputException.class, () -> service().rotate("binance", SecretValue.of("{\"apiKey\":\"k2\"}"), "alice"));

        assertEquals(writes, store.writes.size());
        assertEquals(1, store.versionCount("binance"));
    }

    @Test
    void rotationSteps_eachRetried_makeOneGeneratedVersionCurrent_andRestartTheConsumers() {
        String first = store.generatedSecret("monitor/grafana", "a-thirty-two-characters-password");
        ecs.run("monitor-1", InMemorySecretStore.arn("monitor/grafana"));
        String token = UUID.randomUUID().toString();
        store.openPending("monitor/grafana", token);
        SecretService s = service();

        for (String step : List.of("createSecret", "createSecret", "setSecret", "setSecret", "testSecret", "testSecret",
                "finishSecret")) {
            s.rotationStep(step, InMemorySecretStore.arn("monitor/grafana"), token, "secrets-manager-rotation");
        }

        assertEquals(token, store.current("monitor/grafana"));
        assertEquals(32, store.reveal("monitor/grafana").reveal().length());
        assertNotEquals("a-thirty-two-characters-password", store.reveal("monitor/grafana").reveal());
        assertTrue(store.stages("monitor/grafana", first).contains("AWSPREVIOUS"));
        assertEquals(2, store.versionCount("monitor/grafana"));
        assertEquals(List.of("monitor-1"), ecs.restarts);
        assertEquals(token, store.holder("monitor/grafana", SecretRotation.ROLLOUT_LABEL));
    }

    @Test
    void rotationStep_testSecret_refusesAPendingValueOfAnotherShape() {
        store.generatedSecret("monitor/grafana", "a-thirty-two-characters-password");
        String token = UUID.randomUUID().toString();
        store.putPending("monitor/grafana", token, SecretValue.of("{\"password\":\"a-thirty-two-characters\"}"));

        assertThrows(InvalidInputException.class, () -> service().rotationStep("testSecret",
                InMemorySecretStore.arn("monitor/grafana"), token, "secrets-manager-rotation"));
    }

    @Test
    void rotationStep_onASecretQuantsInfraDidNotGenerate_isRefused() {
        store.put("binance", SecretValue.of("{\"apiKey\":\"k\"}"));

        assertThrows(ConflictException.class, () -> service().rotationStep("createSecret", InMemorySecretStore.arn("binance"),
                UUID.randomUUID().toString(), "secrets-manager-rotation"));
        assertEquals(1, store.versionCount("binance"));
    }

    @Test
    void rotationStep_unknownStep_isRefusedByName() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> service().rotationStep("dropSecret",
                InMemorySecretStore.arn("x"), "t", "secrets-manager-rotation"));
        assertTrue(e.getMessage().contains("dropSecret"), e.getMessage());
    }

    @Test
    void finishSecret_withoutConsumers_leavesNoRolloutToJudge() {
        store.generatedSecret("monitor/grafana", "a-thirty-two-characters-password");
        String token = UUID.randomUUID().toString();
        SecretService s = service();

        for (String step : List.of("createSecret", "setSecret", "testSecret", "finishSecret")) {
            s.rotationStep(step, InMemorySecretStore.arn("monitor/grafana"), token, "secrets-manager-rotation");
        }

        assertEquals(token, store.current("monitor/grafana"));
        assertNull(store.holder("monitor/grafana", SecretRotation.ROLLOUT_LABEL));
    }

    @Test
    void newValue_givesEitherTheValueOrAGeneratedOne_neverBothOrNeither() {
        SecretService s = service();
        assertEquals("given", s.newValue("given", null, null).reveal());
        assertEquals(SecretService.DEFAULT_LENGTH, s.newValue(null, true, null).reveal().length());
        assertEquals(40, s.newValue(null, true, 40).reveal().length());
        assertThrows(InvalidInputException.class, () -> s.newValue("given", true, null));
        assertThrows(InvalidInputException.class, () -> s.newValue(null, false, null));
        assertThrows(InvalidInputException.class, () -> s.newValue(null, true, 15));
    }
}
