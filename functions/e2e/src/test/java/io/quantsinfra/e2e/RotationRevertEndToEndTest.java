package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.api.rotation.SecretsRotationHandler;
import io.quantsinfra.aws.FunctionCallLog;
import io.quantsinfra.scheduled.HealthProbeHandler;
import io.quantsinfra.scheduled.ScheduledWiring;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A rotation nobody waits for (the API with {@code --no-wait}, the rotation Lambda) whose rollout ECS rolls back is
 * reverted by the next scheduled health probe: AWSCURRENT back on the previous version, the consumers redeployed, the
 * revert in the history. The emulator never fails a rollout, so the probe's ECS client sees the bot's service as ECS
 * reports a tripped circuit breaker (its primary deployment FAILED with the breaker's reason).
 */
@ExtendWith(AwsEmulatorExtension.class)
class RotationRevertEndToEndTest {
    private static final String BOT_CONFIG = """
            strategy: LumosCrypto_v1
            stake_amount: 100
            exchange:
              name: binance
              key: {secretRef: binance, jsonKey: apiKey}
              secret: {secretRef: binance, jsonKey: apiSecret}
              pair_whitelist: [BTC/USDT]
            """;
    private LocalModeFixture local;
    private EcsClient ecs;
    private SecretsManagerClient sm;
    @TempDir
    Path dir;

    @BeforeEach
    void aBotReadingTheExchangeSecret(AwsEmulator aws) throws IOException {
        local = new LocalModeFixture(aws);
        ecs = local.clients.ecs();
        sm = local.clients.secretsManager();
        Path value = Files.writeString(dir.resolve("binance.json"), "{\"apiKey\": \"k-1\", \"apiSecret\": \"s-1\"}");
        assertEquals(0, local.cli("secrets", "put", "binance", "--value-file", value.toString()).exit());
        Path config = Files.writeString(dir.resolve("bot.yaml"), BOT_CONFIG);
        LocalModeFixture.Run deploy = local.cli("deploy", "--service", "freqtrade", "--host", "us-east-1a", "--config",
                config.toString());
        assertEquals(0, deploy.exit(), deploy::toString);
    }

    @AfterEach
    void close() {
        sm.close();
        ecs.close();
        local.close();
    }

    @Test
    void rotationThroughTheApiWithoutWaiting_whoseRolloutIsRolledBack_isRevertedByTheHealthProbe() throws IOException {
        String before = current("quants-infra/binance");
        Path value = Files.writeString(dir.resolve("rotated.json"), "{\"apiKey\": \"k-2\", \"apiSecret\": \"s-2\"}");

        LocalModeFixture.Run rotate = local.cli("secrets", "rotate", "binance", "--value-file", value.toString(), "--no-wait");

        assertEquals(0, rotate.exit(), rotate::toString);
        String rotated = current("quants-infra/binance");
        assertNotEquals(before, rotated);
        String deploymentAfterRotation = deploymentId("freqtrade-1");

        Map<String, Object> report = probe(Set.of("freqtrade-1"));

        Map<String, Object> settled = onlyRotation(report);
        assertEquals("binance", settled.get("secret"));
        assertEquals("reverted", settled.get("outcome"), report::toString);
        assertEquals(rotated, settled.get("version"));
        assertEquals(before, settled.get("reverted_to"));
        assertEquals(before, current("quants-infra/binance"));
        assertTrue(stages("quants-infra/binance", rotated).contains("AWSPREVIOUS"));
        assertNotEquals(deploymentAfterRotation, deploymentId("freqtrade-1"), "the bot was redeployed with the old value");
        String history = local.http("GET", "/v1/services/freqtrade/history", null).body();
        assertTrue(history.contains("revert secret binance to version " + before + ": the rollout of version " + rotated
                + " failed (freqtrade-1: ECS deployment circuit breaker: tasks failed to start.)"), history);
        assertTrue(history.contains("\"actor\":\"health-probe\""), history);
        assertEquals(List.of(), probe(Set.of("freqtrade-1")).get("rotations"), "a revert is done once");
    }

    @Test
    void rotationThroughTheRotationLambda_whoseRolloutIsRolledBack_isRevertedByTheHealthProbe() {
        String name = "quants-infra/freqtrade/freqtrade-1/api-jwt-secret-key";
        String arn = sm.describeSecret(r -> r.secretId(name)).arn();
        String before = current(name);
        String token = UUID.randomUUID().toString();
        SecretsRotationHandler lambda = new SecretsRotationHandler(local.local.settings(), List.of(FunctionCallLog.always("rotation")));
        for (String step : List.of("createSecret", "setSecret", "testSecret", "finishSecret")) {
            lambda.handleRequest(Map.of("SecretId", arn, "ClientRequestToken", token, "Step", step), null);
        }
        assertEquals(token, current(name));

        Map<String, Object> report = probe(Set.of("freqtrade-1"));

        Map<String, Object> settled = onlyRotation(report);
        assertEquals("reverted", settled.get("outcome"), report::toString);
        assertEquals(before, current(name));
        assertEquals(before, settled.get("reverted_to"));
    }

    @Test
    void rotationWhoseRolloutCompletes_isKept_andJudgedOnce() throws IOException {
        Path value = Files.writeString(dir.resolve("rotated.json"), "{\"apiKey\": \"k-2\", \"apiSecret\": \"s-2\"}");
        assertEquals(0, local.cli("secrets", "rotate", "binance", "--value-file", value.toString(), "--no-wait").exit());
        String rotated = current("quants-infra/binance");

        Map<String, Object> settled = onlyRotation(probe(Set.of()));

        assertEquals("completed", settled.get("outcome"));
        assertEquals(rotated, current("quants-infra/binance"));
        assertTrue(!stages("quants-infra/binance", rotated).contains("QUANTS_INFRA_ROLLOUT"), "judged: the label is gone");
        assertEquals(List.of(), probe(Set.of("freqtrade-1")).get("rotations"), "a later rollback is not the rotation's");
        assertEquals(rotated, current("quants-infra/binance"));
    }

    @Test
    void probe_withNoRotationWaiting_asksSecretsManagerOnce_andChangesNothing() {
        io.quantsinfra.aws.AwsCallRecorder recorder = new io.quantsinfra.aws.AwsCallRecorder();
        Map<String, Object> report;
        try (ScheduledWiring wiring = new ScheduledWiring(local.local.settings(), Clock.systemUTC(), List.of(recorder))) {
            report = new HealthProbeHandler(wiring).handleRequest(Map.of(), null);
        }

        assertEquals(List.of(), report.get("rotations"));
        List<String> secretsManager = recorder.calls().stream().filter(c -> c.service().equals("SecretsManager"))
                .map(io.quantsinfra.aws.AwsCallRecorder.Call::operation).toList();
        assertEquals(List.of("ListSecrets"), secretsManager, "one listing per cycle, whatever the instance count");
    }

    /** One health probe run; the services named in {@code rolledBack} read as ECS reports a tripped circuit breaker. */
    private Map<String, Object> probe(Set<String> rolledBack) {
        FunctionCallLog calls = FunctionCallLog.scoped("health-probe");
        try (ScheduledWiring wiring = new ScheduledWiring(local.local.settings(), Clock.systemUTC(),
                List.of(calls, new CircuitBreakerTripped(rolledBack)))) {
            return calls.during(() -> new HealthProbeHandler(wiring).handleRequest(Map.of(), null));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyRotation(Map<String, Object> report) {
        Object rotations = report.get("rotations");
        assertTrue(rotations instanceof List<?> l && l.size() == 1, () -> "one rotation judged: " + report);
        return (Map<String, Object>) ((List<?>) rotations).getFirst();
    }

    private String current(String name) {
        return sm.describeSecret(r -> r.secretId(name)).versionIdsToStages().entrySet().stream()
                .filter(e -> e.getValue().contains("AWSCURRENT")).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private List<String> stages(String name, String version) {
        return sm.describeSecret(r -> r.secretId(name)).versionIdsToStages().get(version);
    }

    private String deploymentId(String instance) {
        return ecs.describeServices(r -> r.cluster("quants-infra").services(instance)).services().getFirst()
                .deployments().getFirst().id();
    }

    /**
     * What ECS answers once the deployment circuit breaker has given up on a service's new deployment: the deployment
     * FAILED, with the breaker's reason (as recorded from ECS in {@code EcsRolloutTest}).
     */
    private record CircuitBreakerTripped(Set<String> services) implements ExecutionInterceptor {
        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (!(context.response() instanceof DescribeServicesResponse r)) {
                return context.response();
            }
            return r.toBuilder().services(r.services().stream().map(s -> !services.contains(s.serviceName()) ? s
                    : s.toBuilder().deployments(s.deployments().stream().map(RotationRevertEndToEndTest::failed).toList())
                            .build()).toList()).build();
        }
    }

    private static Deployment failed(Deployment d) {
        return !"PRIMARY".equals(d.status()) ? d : d.toBuilder().rolloutState(DeploymentRolloutState.FAILED)
                .rolloutStateReason("ECS deployment circuit breaker: tasks failed to start.").build();
    }
}
