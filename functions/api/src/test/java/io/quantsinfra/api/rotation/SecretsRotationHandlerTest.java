package io.quantsinfra.api.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.FunctionCallLog;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.ecs.EcsPlatform;
import io.quantsinfra.aws.local.LocalAccount;
import io.quantsinfra.aws.secretsmanager.SecretsManagerResolver;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.Placement;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The rotation Lambda's four steps, called directly as Secrets Manager would (the emulator cannot invoke Lambdas). */
@ExtendWith(AwsEmulatorExtension.class)
class SecretsRotationHandlerTest {
    private AwsClients clients;
    private SecretsManagerClient sm;
    private EcsClient ecs;
    private SecretsRotationHandler handler;
    private String arn;

    @BeforeEach
    void prepare(AwsEmulator aws) {
        aws.reset();
        Map<String, String> env = new HashMap<>(LocalAccount.prepare(aws.endpoint(), List.of("monitor")).toEnvironment());
        env.put(AwsSettings.AWS_RETRIES, "0");
        AwsSettings settings = AwsSettings.from(env);
        clients = new AwsClients(settings);
        sm = clients.secretsManager();
        ecs = clients.ecs();
        // Every call of the handler's own clients is the rotation Lambda's, recorded for infra-cdk's IAM check.
        handler = new SecretsRotationHandler(settings, List.of(FunctionCallLog.always("rotation")));
        arn = new SecretsManagerResolver(sm, "quants-infra/", null).generatedValueFrom("monitor/grafana-admin-password", 32);
        EcsPlatform platform = new EcsPlatform(ecs, settings);
        TaskSpec.ContainerSpec grafana = new TaskSpec.ContainerSpec("grafana", "grafana/grafana:10.2.3", true, List.of(3000),
                Map.of(), List.of(new TaskSpec.SecretEnv("GF_SECURITY_ADMIN_PASSWORD", arn)), List.of(), null, 256, List.of(), List.of());
        TaskSpec spec = new TaskSpec("monitor-1", 512, 1024, List.of(grafana), List.of(), "/quants-infra/monitor", "monitor-1",
                Map.of("managed-by", "quants-infra", "quants-infra:service", "monitor"));
        platform.create(new InstanceId("monitor", 1), platform.register(spec), new Placement("spread", settings.subnets()), 1);
    }

    @AfterEach
    void close() {
        sm.close();
        ecs.close();
        clients.close();
    }

    private void step(String step, String token) {
        handler.handleRequest(Map.of("SecretId", arn, "ClientRequestToken", token, "Step", step), null);
    }

    private String current() {
        return sm.getSecretValue(r -> r.secretId(arn).versionStage("AWSCURRENT")).secretString();
    }

    @Test
    void fourSteps_promoteAFreshValue_keepThePreviousOne_andRedeployTheConsumer() {
        String before = current();
        String deployment = ecs.describeServices(r -> r.cluster("quants-infra").services("monitor-1")).services().getFirst()
                .deployments().getFirst().id();
        String token = UUID.randomUUID().toString();

        for (String s : List.of("createSecret", "createSecret", "setSecret", "testSecret", "finishSecret")) {
            step(s, token);
        }

        String after = current();
        assertNotEquals(before, after);
        assertEquals(32, after.length());
        var stages = sm.describeSecret(r -> r.secretId(arn)).versionIdsToStages();
        assertTrue(stages.get(token).contains("AWSCURRENT"), stages::toString);
        assertTrue(stages.values().stream().anyMatch(l -> l.contains("AWSPREVIOUS")), stages::toString);
        assertNotEquals(deployment, ecs.describeServices(r -> r.cluster("quants-infra").services("monitor-1")).services()
                .getFirst().deployments().getFirst().id());
    }

    @Test
    void createSecret_refusesASecretQuantsInfraDidNotGenerate() {
        String supplied = sm.createSecret(r -> r.name("quants-infra/binance").secretString("{\"apiKey\":\"k\"}")).arn();

        assertThrows(ConflictException.class, () -> handler.handleRequest(Map.of("SecretId", supplied,
                "ClientRequestToken", UUID.randomUUID().toString(), "Step", "createSecret"), null));
    }
}
