package io.quantsinfra.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.core.deploy.ContainerPlatform.TaskDefinitionRef;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.InstanceState;
import io.quantsinfra.core.deploy.Placement;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

@ExtendWith(AwsEmulatorExtension.class)
class EcsPlatformTest {
    private AwsClients clients;
    private EcsClient ecs;
    private EcsPlatform platform;
    private final AwsCallRecorder recorder = new AwsCallRecorder();

    @BeforeEach
    void prepare(AwsEmulator aws) {
        clients = EmulatedAccount.prepare(aws, recorder);
        ecs = clients.ecs();
        platform = new EcsPlatform(ecs, clients.settings());
    }

    @AfterEach
    void close() {
        ecs.close();
        clients.close();
    }

    static TaskSpec spec(String family, String interval) {
        var hc = new TaskSpec.HealthCheckSpec(List.of("CMD-SHELL", "wget -qO- http://localhost:9090/metrics || exit 1"), 30, 5, 3, 60);
        var container = new TaskSpec.ContainerSpec("collector", "quants-lab:latest", true, List.of(9090),
                Map.of("COLLECTOR_INTERVAL", interval, "COLLECTOR_PAIRS", "BTC-USDT"),
                List.of(new TaskSpec.SecretEnv("API_KEY", "arn:aws:secretsmanager:us-east-1:123456789012:secret:quants-infra/x-AbCdEf:apiKey::")),
                List.of(), hc, 256, List.of(new TaskSpec.MountSpec("collector-data", "/data", false)), List.of());
        return new TaskSpec(family, 256, 512, List.of(container),
                List.of(new TaskSpec.VolumeSpec("collector-data", "fs-12345678", null, "/" + family)),
                "/quants-infra/data-collector", family,
                Map.of("quants-infra:service", "data-collector", "quants-infra:instance", family, "managed-by", "quants-infra"));
    }

    @Test
    void register_readsBackAnEqualSpec_soUnchangedDeploysAreRecognised() {
        TaskSpec spec = spec("data-collector-1", "5");
        TaskDefinitionRef ref = platform.register(spec);
        platform.create(new InstanceId("data-collector", 1), ref, new Placement("us-east-1a", List.of(clients.settings().subnets().getFirst())), 1);

        InstanceState state = platform.instance(new InstanceId("data-collector", 1)).orElseThrow();

        assertEquals(spec, state.spec());
        assertEquals(1, state.desired());
        assertEquals(List.of(clients.settings().subnets().getFirst()), state.placement().subnets());
    }

    @Test
    void instances_describeEachTaskDefinitionRevisionOnce_becauseARevisionNeverChanges() {
        TaskDefinitionRef ref = platform.register(spec("data-collector-1", "5"));
        platform.create(new InstanceId("data-collector", 1), ref, new Placement("us-east-1a", List.of(clients.settings().subnets().getFirst())), 1);
        recorder.clear();

        platform.allInstances();
        platform.instances("data-collector");
        platform.instance(new InstanceId("data-collector", 1));

        assertEquals(1, recorder.calls().stream().filter(c -> c.operation().equals("DescribeTaskDefinition")).count());
    }

    @Test
    void register_writesAFargateAwsvpcAwslogsTaskDefinition() {
        TaskDefinitionRef ref = platform.register(spec("data-collector-1", "5"));

        TaskDefinition td = ecs.describeTaskDefinition(r -> r.taskDefinition(ref.arn())).taskDefinition();

        assertEquals("awsvpc", td.networkModeAsString());
        assertEquals(List.of("FARGATE"), td.requiresCompatibilitiesAsStrings());
        assertEquals("awslogs", td.containerDefinitions().getFirst().logConfiguration().logDriverAsString());
        assertEquals("data-collector-1", td.containerDefinitions().getFirst().logConfiguration().options().get("awslogs-stream-prefix"));
        assertEquals(1, ref.revision());
    }

    @Test
    void create_asksForTheCircuitBreakerWithRollback() {
        TaskDefinitionRef ref = platform.register(spec("data-collector-1", "5"));
        platform.create(new InstanceId("data-collector", 1), ref, new Placement("spread", clients.settings().subnets()), 1);

        // The emulator does not keep deploymentConfiguration, so check what the real client sent.
        CreateServiceRequest sent = recorder.calls().stream().map(AwsCallRecorder.Call::request)
                .filter(CreateServiceRequest.class::isInstance).map(CreateServiceRequest.class::cast).findFirst().orElseThrow();
        assertTrue(sent.deploymentConfiguration().deploymentCircuitBreaker().enable());
        assertTrue(sent.deploymentConfiguration().deploymentCircuitBreaker().rollback());
    }

    @Test
    void create_setsFargateTagsAndNetwork() {
        TaskDefinitionRef ref = platform.register(spec("data-collector-1", "5"));
        platform.create(new InstanceId("data-collector", 1), ref, new Placement("spread", clients.settings().subnets()), 1);

        Service s = ecs.describeServices(r -> r.cluster("quants-infra").services("data-collector-1")
                .include(software.amazon.awssdk.services.ecs.model.ServiceField.TAGS)).services().getFirst();

        assertEquals("FARGATE", s.launchTypeAsString());
        assertEquals(clients.settings().securityGroups(), s.networkConfiguration().awsvpcConfiguration().securityGroups());
        assertTrue(s.tags().stream().anyMatch(t -> t.key().equals("managed-by") && t.value().equals("quants-infra")));
        assertTrue(s.tags().stream().anyMatch(t -> t.key().equals("quants-infra:instance") && t.value().equals("data-collector-1")));
    }

    @Test
    void instances_listsOnlyTheNamedServicesInstances_inIndexOrder() {
        for (int i : new int[] {2, 1, 10}) {
            String family = "data-collector-" + i;
            platform.create(new InstanceId("data-collector", i), platform.register(spec(family, "5")), new Placement("spread", clients.settings().subnets()), 1);
        }
        platform.create(new InstanceId("monitor", 1), platform.register(spec("monitor-1", "5")), new Placement("spread", clients.settings().subnets()), 1);

        List<String> names = platform.instances("data-collector").stream().map(s -> s.id().toString()).toList();

        assertEquals(List.of("data-collector-1", "data-collector-2", "data-collector-10"), names);
        assertEquals(4, platform.allInstances().size());
    }

    @Test
    void delete_removesTheInstance_andRevisionsListsOnlyItsOwnFamily() {
        platform.register(spec("data-collector-1", "5"));
        TaskDefinitionRef second = platform.register(spec("data-collector-1", "10"));
        platform.register(spec("data-collector-10", "5"));
        platform.create(new InstanceId("data-collector", 1), second, new Placement("spread", clients.settings().subnets()), 1);

        platform.delete(new InstanceId("data-collector", 1));
        List<TaskDefinitionRef> revisions = platform.revisions("data-collector-1");
        revisions.forEach(platform::deregister);

        assertFalse(platform.instance(new InstanceId("data-collector", 1)).isPresent());
        assertEquals(List.of(1, 2), revisions.stream().map(TaskDefinitionRef::revision).toList());
        assertTrue(platform.revisions("data-collector-1").isEmpty());
        assertEquals(1, platform.revisions("data-collector-10").size());
    }

    @Test
    void update_changesDesiredCountAndForcesANewDeployment() {
        platform.create(new InstanceId("data-collector", 1), platform.register(spec("data-collector-1", "5")), new Placement("spread", clients.settings().subnets()), 1);
        String before = ecs.describeServices(r -> r.cluster("quants-infra").services("data-collector-1")).services().getFirst()
                .deployments().getFirst().id();

        platform.update(new InstanceId("data-collector", 1), null, null, 0, false);
        assertEquals(0, platform.instance(new InstanceId("data-collector", 1)).orElseThrow().desired());
        platform.update(new InstanceId("data-collector", 1), null, null, null, true);

        String after = ecs.describeServices(r -> r.cluster("quants-infra").services("data-collector-1")).services().getFirst()
                .deployments().getFirst().id();
        assertFalse(before.equals(after));
    }
}
