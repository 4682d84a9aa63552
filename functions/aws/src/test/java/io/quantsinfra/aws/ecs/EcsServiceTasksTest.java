package io.quantsinfra.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.core.deploy.ContainerPlatform.TaskDefinitionRef;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.Placement;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.health.HealthFacts;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The cluster's tasks read in pages and grouped by service, against the emulator. The emulator starts no task for a
 * service, so the tests start them with {@code RunTask} and the {@code group} ECS gives a service's tasks
 * ({@code service:<name>}); a one-off task keeps its {@code family:} group.
 */
@ExtendWith(AwsEmulatorExtension.class)
class EcsServiceTasksTest {
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

    private TaskDefinitionRef instance(int index) {
        String name = "data-collector-" + index;
        TaskDefinitionRef ref = platform.register(EcsPlatformTest.spec(name, "5"));
        platform.create(new InstanceId("data-collector", index), ref,
                new Placement("us-east-1a", List.of(clients.settings().subnets().getFirst())), 1);
        return ref;
    }

    private String runTask(TaskDefinitionRef ref, String group) {
        return ecs.runTask(r -> {
            r.cluster(clients.settings().cluster()).taskDefinition(ref.arn()).launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(clients.settings().subnets())
                            .securityGroups(clients.settings().securityGroups())));
            if (group != null) {
                r.group(group);
            }
        }).tasks().getFirst().taskArn();
    }

    @Test
    void of_groupsTheClustersTasksByService_andLeavesOneOffTasksOut() {
        TaskDefinitionRef one = instance(1);
        TaskDefinitionRef two = instance(2);
        String first = runTask(one, "service:data-collector-1");
        String second = runTask(two, "service:data-collector-2");
        runTask(one, null); // a one-off task of the same family: group "family:data-collector-1"

        Map<String, List<Task>> tasks = new EcsServiceTasks(ecs, clients.settings().cluster())
                .of(List.of("data-collector-1", "data-collector-2", "data-collector-3"), true);

        assertEquals(List.of(first), tasks.get("data-collector-1").stream().map(Task::taskArn).toList());
        assertEquals(List.of(second), tasks.get("data-collector-2").stream().map(Task::taskArn).toList());
        assertEquals(List.of(), tasks.get("data-collector-3"));
    }

    @Test
    void ofOneService_keepsOnlyItsOwnTasks_evenWhereListTasksIgnoresTheServiceFilter() {
        TaskDefinitionRef one = instance(1);
        String own = runTask(one, "service:data-collector-1");
        runTask(one, "service:data-collector-9");
        runTask(one, null);

        List<Task> tasks = new EcsServiceTasks(ecs, clients.settings().cluster()).of("data-collector-1", true);

        assertEquals(List.of(own), tasks.stream().map(Task::taskArn).toList());
    }

    @Test
    void gatherAll_costsCallsThatDoNotGrowPerInstance() {
        int n = 23;
        Map<InstanceId, List<HealthEndpoint>> targets = new LinkedHashMap<>();
        IntStream.rangeClosed(1, n).forEach(i -> {
            runTask(instance(i), "service:data-collector-" + i);
            targets.put(new InstanceId("data-collector", i), List.of());
        });
        EcsHealthSource source = new EcsHealthSource(ecs, clients.settings().cluster(),
                (address, endpoints) -> List.of(), null);
        recorder.clear();

        Map<InstanceId, HealthFacts> facts = source.gatherAll(targets, Instant.now());

        assertEquals(n, facts.size());
        facts.values().forEach(f -> assertEquals(1, f.tasks().size()));
        Map<String, Long> calls = new java.util.TreeMap<>();
        recorder.calls().forEach(c -> calls.merge(c.operation(), 1L, Long::sum));
        // 23 services: 3 DescribeServices; the cluster's tasks: ListTasks RUNNING and STOPPED, one DescribeTasks.
        assertEquals(Map.of("DescribeServices", 3L, "DescribeTasks", 1L, "ListTasks", 2L), calls);
    }

    @Test
    void gatherAll_leavesOutAnInstanceDeletedSinceItWasListed() {
        instance(1);
        Map<InstanceId, List<HealthEndpoint>> targets = new LinkedHashMap<>();
        targets.put(new InstanceId("data-collector", 1), List.of());
        targets.put(new InstanceId("data-collector", 2), List.of());

        Map<InstanceId, HealthFacts> facts = new EcsHealthSource(ecs, clients.settings().cluster(),
                (address, endpoints) -> List.of(), null).gatherAll(targets, Instant.now());

        assertEquals(List.of(new InstanceId("data-collector", 1)), List.copyOf(facts.keySet()));
    }
}
