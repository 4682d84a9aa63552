package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The end-to-end scenario for a data collector, step by step: the CLI against local mode, every
 * effect checked in the emulator with the SDK.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataCollectorLifecycleTest {
    private LocalModeFixture local;
    private EcsClient ecs;
    @TempDir
    Path dir;

    @BeforeAll
    void start(AwsEmulator aws) {
        local = new LocalModeFixture(aws);
        ecs = local.clients.ecs();
    }

    @AfterAll
    void stop() {
        ecs.close();
        local.close();
    }

    private Path config(int interval) throws IOException {
        Path file = dir.resolve("collector-" + interval + ".json");
        Files.writeString(file, """
                {"exchange": "gateio", "pairs": ["VIRTUAL-USDT", "BNKR-USDT"], "interval": %d, "output_dir": "/data/orderbook_snapshots"}
                """.formatted(interval));
        return file;
    }

    private Service service(String name) {
        return ecs.describeServices(r -> r.cluster("quants-infra").services(name)).services().stream()
                .filter(s -> s.status().equals("ACTIVE")).findFirst().orElse(null);
    }

    private TaskDefinition taskDefinition(String name) {
        return ecs.describeTaskDefinition(r -> r.taskDefinition(service(name).taskDefinition())).taskDefinition();
    }

    @Test
    @Order(1)
    void deploy_toTwoHosts_createsTwoFargateServices() throws IOException {
        var run = local.cli("deploy", "--service", "data-collector", "--host", "us-east-1a", "--host", "us-east-1b",
                "--config", config(5).toString());

        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("[1/2] data-collector-1: registering task definition"), run::toString);
        assertTrue(run.out().contains("rollout completed"), run::toString);
        for (String name : List.of("data-collector-1", "data-collector-2")) {
            Service s = service(name);
            assertEquals(1, s.desiredCount());
            assertEquals("FARGATE", s.launchTypeAsString());
            TaskDefinition td = taskDefinition(name);
            assertEquals("awsvpc", td.networkModeAsString());
            assertEquals(List.of("FARGATE"), td.requiresCompatibilitiesAsStrings());
            assertEquals(name, td.family());
            td.containerDefinitions().forEach(c -> {
                assertEquals("awslogs", c.logConfiguration().logDriverAsString());
                assertEquals(name, c.logConfiguration().options().get("awslogs-stream-prefix"));
                assertEquals("/quants-infra/data-collector", c.logConfiguration().options().get("awslogs-group"));
            });
        }
        Map<String, String> zones = local.local.settings().subnetZones();
        assertEquals("us-east-1a", zones.get(service("data-collector-1").networkConfiguration().awsvpcConfiguration().subnets().getFirst()));
        assertEquals("us-east-1b", zones.get(service("data-collector-2").networkConfiguration().awsvpcConfiguration().subnets().getFirst()));
    }

    @Test
    @Order(2)
    void redeploy_unchanged_makesNoMutatingCall_andKeepsTheTaskDefinition() throws IOException {
        String before = service("data-collector-1").taskDefinition();
        local.recorder.clear();

        var run = local.cli("deploy", "--service", "data-collector", "--host", "us-east-1a", "--host", "us-east-1b",
                "--config", config(5).toString());

        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("unchanged"), run::toString);
        assertEquals(before, service("data-collector-1").taskDefinition());
        List<AwsCallRecorder.Call> mutating = local.recorder.calls().stream().filter(AwsCallRecorder.Call::mutating).toList();
        assertEquals(List.of(), mutating.stream().map(c -> c.service() + "." + c.operation()).toList());
    }

    @Test
    @Order(3)
    void redeploy_withChangedInterval_registersANewRevision() throws IOException {
        var run = local.cli("deploy", "--service", "data-collector", "--host", "us-east-1a", "--host", "us-east-1b",
                "--config", config(10).toString());

        assertEquals(0, run.exit(), run::toString);
        for (String name : List.of("data-collector-1", "data-collector-2")) {
            TaskDefinition td = taskDefinition(name);
            assertEquals(2, td.revision());
            assertTrue(td.containerDefinitions().getFirst().environment().stream()
                    .anyMatch(kv -> kv.value().equals("10")), () -> td.containerDefinitions().getFirst().environment().toString());
        }
    }

    @Test
    @Order(4)
    void dryRun_showsTheDiff_andChangesNothing() throws IOException {
        String state = local.emulatorState();

        var run = local.cli("deploy", "--service", "data-collector", "--host", "us-east-1a", "--host", "us-east-1b",
                "--config", config(7).toString(), "--dry-run");

        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("\"10\" → \"7\""), run::toString);
        assertTrue(run.out().contains("0 to create, 2 to update"), run::toString);
        assertEquals(List.of(), EmulatorState.differences(state, local.emulatorState()));
    }

    @Test
    @Order(5)
    void manage_stopStartRestart_changeDesiredCountAndDeployment() {
        assertEquals(0, local.cli("manage", "--service", "data-collector-1", "--action", "stop").exit());
        assertEquals(0, service("data-collector-1").desiredCount());

        assertEquals(0, local.cli("manage", "--service", "data-collector-1", "--action", "start").exit());
        assertEquals(1, service("data-collector-1").desiredCount());

        String deployment = service("data-collector-1").deployments().getFirst().id();
        var run = local.cli("manage", "--service", "data-collector-1", "--action", "restart");
        assertEquals(0, run.exit(), run::toString);
        assertNotEquals(deployment, service("data-collector-1").deployments().getFirst().id());
    }

    @Test
    @Order(6)
    void scale_upAddsTheNextIndex_downRemovesTheHighestFirst() {
        var up = local.cli("scale", "--service", "data-collector", "--count", "3");
        assertEquals(0, up.exit(), up::toString);
        assertEquals(1, service("data-collector-3").desiredCount());

        var down = local.cli("scale", "--service", "data-collector", "--count", "1");
        assertEquals(0, down.exit(), down::toString);
        assertTrue(service("data-collector-1") != null);
        assertEquals(null, service("data-collector-2"));
        assertEquals(null, service("data-collector-3"));
    }

    @Test
    @Order(7)
    void logs_mergeTaskStreamsByTime_andHonourLines() {
        try (CloudWatchLogsClient logs = local.clients.logs()) {
            String group = "/quants-infra/data-collector";
            long t = System.currentTimeMillis() - 60_000;
            String a = "data-collector-1/collector/task-a";
            String b = "data-collector-1/collector/task-b";
            String other = "data-collector-2/collector/task-c";
            for (String stream : List.of(a, b, other)) {
                logs.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
            }
            logs.putLogEvents(r -> r.logGroupName(group).logStreamName(a).logEvents(
                    event(t, "line 1"), event(t + 2, "line 3"), event(t + 4, "line 5")));
            logs.putLogEvents(r -> r.logGroupName(group).logStreamName(b).logEvents(
                    event(t + 1, "line 2"), event(t + 3, "line 4")));
            logs.putLogEvents(r -> r.logGroupName(group).logStreamName(other).logEvents(event(t + 5, "not mine")));
        }

        var all = local.cli("logs", "--service", "data-collector-1");
        var last3 = local.cli("logs", "--service", "data-collector-1", "--lines", "3");

        assertEquals(0, all.exit(), all::toString);
        assertEquals(List.of("line 1", "line 2", "line 3", "line 4", "line 5"), messages(all.out()));
        assertEquals(List.of("line 3", "line 4", "line 5"), messages(last3.out()));
    }

    @Test
    @Order(8)
    void logs_follow_printsNewLinesOnce() throws Exception {
        var result = new java.util.concurrent.CompletableFuture<LocalModeFixture.Run>();
        Thread follower = Thread.ofVirtual().start(() -> result.complete(
                local.cli("logs", "--service", "data-collector-1", "--lines", "1", "--follow", "--follow-for", "5s")));
        Thread.sleep(1500);
        try (CloudWatchLogsClient logs = local.clients.logs()) {
            long t = System.currentTimeMillis();
            logs.putLogEvents(r -> r.logGroupName("/quants-infra/data-collector").logStreamName("data-collector-1/collector/task-b")
                    .logEvents(event(t, "line 6"), event(t + 1, "line 7")));
        }
        follower.join(15_000);

        var run = result.get();
        assertEquals(0, run.exit(), run::toString);
        assertEquals(List.of("line 5", "line 6", "line 7"), messages(run.out()));
    }

    private static InputLogEvent event(long t, String message) {
        return InputLogEvent.builder().timestamp(t).message(message).build();
    }

    private static List<String> messages(String out) {
        return out.lines().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }

    @Test
    @Order(10)
    void history_listsWhoDidWhat() {
        var run = local.cli("history", "--service", "data-collector");

        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("e2e-tester"), run::toString);
        assertTrue(run.out().contains("deploy"), run::toString);
        assertTrue(run.out().contains("scale"), run::toString);
    }

    @Test
    @Order(11)
    void destroy_refusesWithoutForce_thenRemovesEverythingWithIt() {
        String state = local.emulatorState();
        var refused = local.cli("destroy", "--service", "data-collector");
        assertEquals(2, refused.exit(), refused::toString);
        assertEquals(List.of(), EmulatorState.differences(state, local.emulatorState()));

        var run = local.cli("destroy", "--service", "data-collector", "--force");

        assertEquals(0, run.exit(), run::toString);
        assertEquals(null, service("data-collector-1"));
        assertTrue(ecs.listTaskDefinitions(r -> r.familyPrefix("data-collector")
                .status(software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus.ACTIVE)).taskDefinitionArns().isEmpty());
        try (CloudWatchLogsClient logs = local.clients.logs()) {
            assertEquals(1, logs.describeLogGroups(r -> r.logGroupNamePrefix("/quants-infra/data-collector")).logGroups().size());
        }
        assertTrue(run.out().contains("kept log group"), run::toString);
    }

    @Test
    @Order(12)
    void status_json_listsInstancesWithHealthAndCounts() throws IOException {
        assertEquals(0, local.cli("deploy", "--service", "data-collector", "--config", config(5).toString()).exit());

        var run = local.cli("status", "--format", "json");

        assertEquals(0, run.exit(), run::toString);
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        var first = doc.path("instances").get(0);
        assertEquals("data-collector-1", first.path("instance").asText());
        assertEquals("data-collector", first.path("service").asText());
        assertEquals("unknown", first.path("health").asText(), "the emulator runs no containers: nothing to probe");
        assertEquals(1, first.path("desired").asInt());
        assertEquals(1, first.path("running").asInt());
        assertTrue(first.path("message").asText().contains("nothing could be probed"), first::toString);
    }
}
