package io.quantsinfra.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.core.deploy.ContainerPlatform.TaskDefinitionRef;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.Placement;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Each service type's task definitions name that type's own task role ({@code QUANTS_INFRA_SERVICE_TASK_ROLE_ARNS}),
 * so the monitor's Grafana may read CloudWatch without every bot and collector being able to; types without one use
 * the shared {@code QUANTS_INFRA_TASK_ROLE_ARN}. Against the emulator's ECS.
 */
@ExtendWith(AwsEmulatorExtension.class)
class EcsServiceTaskRolesTest {
    static final String COLLECTOR_ROLE = "arn:aws:iam::123456789012:role/quants-infra-data-collector-task";
    static final String MONITOR_ROLE = "arn:aws:iam::123456789012:role/quants-infra-monitor-task";
    private AwsClients clients;
    private EcsClient ecs;
    private AwsSettings perType;

    @BeforeEach
    void prepare(AwsEmulator aws) {
        clients = EmulatedAccount.prepare(aws, new AwsCallRecorder());
        ecs = clients.ecs();
        Map<String, String> env = new HashMap<>(clients.settings().toEnvironment());
        env.put(AwsSettings.SERVICE_TASK_ROLE_ARNS, "data-collector=" + COLLECTOR_ROLE + ", monitor=" + MONITOR_ROLE);
        perType = AwsSettings.from(env);
    }

    @AfterEach
    void close() {
        ecs.close();
        clients.close();
    }

    private static TaskSpec spec(String service, String family) {
        TaskSpec s = EcsPlatformTest.spec(family, "5");
        return new TaskSpec(s.family(), s.cpu(), s.memory(), s.containers(), s.volumes(), s.logGroup(), s.logStreamPrefix(),
                Map.of("quants-infra:service", service, "quants-infra:instance", family, "managed-by", "quants-infra"));
    }

    private String registeredRole(TaskDefinitionRef ref) {
        return ecs.describeTaskDefinition(r -> r.taskDefinition(ref.arn())).taskDefinition().taskRoleArn();
    }

    @Test
    void register_namesTheServiceTypesOwnRole_orTheSharedOne() {
        EcsPlatform platform = new EcsPlatform(ecs, perType);

        assertEquals(COLLECTOR_ROLE, registeredRole(platform.register(spec("data-collector", "data-collector-1"))));
        assertEquals(MONITOR_ROLE, registeredRole(platform.register(spec("monitor", "monitor-1"))));
        assertEquals(clients.settings().taskRoleArn(), registeredRole(platform.register(spec("freqtrade", "freqtrade-1"))));
    }

    @Test
    void anInstanceDeployedWithTheSharedRole_differs_untilRedeployedWithItsOwn() {
        TaskSpec spec = spec("monitor", "monitor-1");
        InstanceId id = new InstanceId("monitor", 1);
        new EcsPlatform(ecs, clients.settings()).create(id, new EcsPlatform(ecs, clients.settings()).register(spec),
                new Placement("spread", clients.settings().subnets()), 1);
        EcsPlatform platform = new EcsPlatform(ecs, perType);

        TaskSpec before = platform.instance(id).orElseThrow().spec();
        assertNotEquals(spec, before, "the shared role is not the monitor's: the next deploy must register a new definition");
        assertEquals(clients.settings().taskRoleArn(), before.tags().get(TaskDefinitionMapper.STALE_ROLE_TAG));

        platform.update(id, platform.register(spec), null, null, false);

        assertEquals(spec, platform.instance(id).orElseThrow().spec());
    }
}
