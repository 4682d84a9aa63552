package io.quantsinfra.core.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.secret.RolloutReverts.Outcome;
import io.quantsinfra.core.secret.RolloutReverts.Settlement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Judging the rollout a rotation started, and reverting it when ECS rolled it back: the same for every caller. */
class RolloutRevertsTest {
    private final InMemorySecretStore store = new InMemorySecretStore();
    private final FakeEcs ecs = new FakeEcs();
    private final SecretService secrets = new SecretService(store, store, ecs, ecs, SecretTest.ACCEPT,
            InMemorySecretStore.PREFIX, Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
    private String first;

    @BeforeEach
    void aRotatedSecretReadByTwoInstances() {
        first = store.generatedSecret("grafana", "a-sixteen-char-password");
        ecs.run("monitor-1", InMemorySecretStore.arn("grafana"));
        ecs.run("monitor-2", InMemorySecretStore.arn("grafana"));
        ecs.run("collector-1", null);
    }

    private String rotate() {
        return secrets.rotate("grafana", SecretValue.of("another-long-password"), "alice").version();
    }

    @Test
    void settle_afterARolledBackRollout_revertsToThePreviousVersion_andRedeploysTheConsumers() {
        String rotated = rotate();
        ecs.rollout("monitor-1", "completed");
        ecs.rollout("monitor-2", "failed");

        Settlement s = secrets.settle("grafana", "health-probe");

        assertEquals(Outcome.REVERTED, s.outcome());
        assertEquals(rotated, s.version());
        assertEquals(first, s.revertedTo());
        assertEquals(first, store.current("grafana"));
        assertEquals("a-sixteen-char-password", store.reveal("grafana").reveal());
        assertEquals(List.of("monitor-1", "monitor-2"), s.instances());
        assertEquals(List.of("monitor-1", "monitor-2", "monitor-1", "monitor-2"), ecs.restarts);
        assertTrue(s.reason().contains("monitor-2: ECS deployment circuit breaker"), s.reason());
        String why = ecs.history.getLast().changes().getFirst();
        assertTrue(why.startsWith("revert secret grafana to version " + first + ": the rollout of version " + rotated
                + " failed"), why);
        assertEquals("health-probe", ecs.history.getLast().actor());
        assertNull(store.holder("grafana", SecretRotation.ROLLOUT_LABEL));
    }

    @Test
    void settle_whileARolloutIsInProgress_changesNothing_andJudgesAgainLater() {
        String rotated = rotate();
        ecs.rollout("monitor-1", "completed");

        Settlement s = secrets.settle("grafana", "health-probe");

        assertEquals(Outcome.IN_PROGRESS, s.outcome());
        assertEquals(rotated, store.current("grafana"));
        assertEquals(rotated, store.holder("grafana", SecretRotation.ROLLOUT_LABEL));
        assertEquals(2, ecs.restarts.size());
    }

    @Test
    void settle_afterEveryRolloutCompleted_keepsTheNewValue_andForgetsTheRotation() {
        String rotated = rotate();
        ecs.rollout("monitor-1", "completed");
        ecs.rollout("monitor-2", "completed");

        assertEquals(Outcome.COMPLETED, secrets.settle("grafana", "health-probe").outcome());

        assertEquals(rotated, store.current("grafana"));
        assertNull(store.holder("grafana", SecretRotation.ROLLOUT_LABEL));
        ecs.rollout("monitor-2", "failed"); // a later failure is not the rotation's
        assertEquals(Outcome.NONE, secrets.settle("grafana", "health-probe").outcome());
        assertEquals(rotated, store.current("grafana"));
    }

    @Test
    void settle_byTwoJudges_revertsOnce() {
        rotate();
        ecs.rollout("monitor-1", "failed");

        Settlement cli = secrets.settle("grafana", "alice");
        Settlement probe = secrets.settle("grafana", "health-probe");

        assertEquals(Outcome.REVERTED, cli.outcome());
        assertEquals(Outcome.NONE, probe.outcome());
        assertEquals(4, ecs.restarts.size(), "two restarts for the rotation, two for the one revert");
    }

    @Test
    void settle_afterANewerPut_dropsTheOlderRotationsJudgement_withoutReverting() {
        String rotated = rotate();
        store.put("grafana", SecretValue.of("a-value-put-by-hand"));
        ecs.rollout("monitor-1", "failed");

        Settlement s = secrets.settle("grafana", "health-probe");

        assertEquals(Outcome.SUPERSEDED, s.outcome());
        assertEquals(rotated, s.version());
        assertEquals("a-value-put-by-hand", store.reveal("grafana").reveal());
        assertNull(store.holder("grafana", SecretRotation.ROLLOUT_LABEL));
    }

    @Test
    void settleAll_revertsARotationTheRotationLambdaFinished_andLeavesOtherSecretsAlone() {
        store.generatedSecret("other", "a-sixteen-char-password");
        String token = UUID.randomUUID().toString();
        for (String step : List.of("createSecret", "setSecret", "testSecret", "finishSecret")) {
            secrets.rotationStep(step, InMemorySecretStore.arn("grafana"), token, "secrets-manager-rotation");
        }
        ecs.rollout("monitor-1", "failed");
        ecs.rollout("monitor-2", "failed");

        List<Settlement> all = secrets.settleAll("health-probe");

        assertEquals(1, all.size());
        assertEquals(Outcome.REVERTED, all.getFirst().outcome());
        assertEquals(token, all.getFirst().version());
        assertEquals(first, store.current("grafana"));
        assertTrue(store.stages("grafana", token).contains("AWSPREVIOUS"));
    }

    @Test
    void settleAll_withNoRotationWaiting_judgesNothing() {
        assertEquals(List.of(), secrets.settleAll("health-probe"));
        assertEquals(List.of(), ecs.restarts);
    }
}
