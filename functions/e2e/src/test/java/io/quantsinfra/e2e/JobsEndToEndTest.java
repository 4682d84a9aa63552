package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.FunctionCallLog;
import io.quantsinfra.scheduled.JobDispatchHandler;
import io.quantsinfra.scheduled.JobEventsHandler;
import io.quantsinfra.scheduled.ScheduledWiring;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.StopTaskRequest;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Issue 11 end to end: the CLI against local mode (concurrency 1; the API dispatches in-process after each publish),
 * the ECS events Lambda fed real "ECS Task State Change" events about the emulator's own tasks, and the dispatcher
 * Lambda run with an advanced clock where time must pass (timeouts, expiry, retry backoff).
 */
@ExtendWith(AwsEmulatorExtension.class)
class JobsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final FunctionCallLog EVENTS = FunctionCallLog.scoped("job-events");
    static final FunctionCallLog DISPATCH = FunctionCallLog.scoped("job-dispatch");

    @TempDir
    Path dir;
    AwsEmulator aws;
    LocalModeFixture local;
    AwsSettings settings;

    @BeforeEach
    void start(AwsEmulator aws) throws IOException {
        this.aws = aws;
        local = new LocalModeFixture(aws, Map.of(AwsSettings.JOBS_CONCURRENCY, "1"));
        freezeTasks(aws);
        Map<String, String> env = new HashMap<>(local.local.settings().toEnvironment());
        env.put(AwsSettings.JOBS_CONCURRENCY, "1");
        env.put(AwsSettings.AWS_RETRIES, "0");
        settings = AwsSettings.from(env);
        for (String name : List.of("fetch-data", "analyse", "report")) {
            Path def = Files.writeString(dir.resolve(name + ".yaml"), """
                    image: python:3.12-slim
                    command: ["python", "-c", "import os; print(os.environ['QUANTS_INFRA_JOB_PAYLOAD'])"]
                    cpu: 256
                    memory: 512
                    timeout: 30m
                    max_retries: 0
                    """);
            LocalModeFixture.Run run = local.cli("jobs", "define", "-f", def.toString());
            assertEquals(0, run.exit(), run::toString);
        }
    }

    @AfterEach
    void stop() {
        releaseTasks(aws);
        local.close();
    }

    /** The emulator walks a described task to STOPPED unless told not to; real tasks stop when they stop. */
    static void freezeTasks(AwsEmulator aws) {
        stateManager(aws, "set-transition", "{\"model_name\":\"ecs::task\",\"transition\":{\"progression\":\"manual\",\"times\":1000000}}");
    }

    /** Back to the emulator's default for the other tests of this JVM. */
    static void releaseTasks(AwsEmulator aws) {
        stateManager(aws, "unset-transition", "{\"model_name\":\"ecs::task\"}");
    }

    private static void stateManager(AwsEmulator aws, String action, String body) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            aws.endpoint().resolve("/moto-api/state-manager/" + action))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(2, r.statusCode() / 100, r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode cliJson(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--format", "json"));
        LocalModeFixture.Run run = local.cli(all.toArray(String[]::new));
        assertEquals(0, run.exit(), run::toString);
        try {
            return JSON.readTree(run.out());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String publish(String... args) {
        List<String> all = new ArrayList<>(List.of("jobs", "publish"));
        all.addAll(List.of(args));
        return cliJson(all.toArray(String[]::new)).path("jobs").get(0).path("id").asText();
    }

    JsonNode job(String id) {
        return cliJson("jobs", "get", id);
    }

    String status(String id) {
        return job(id).path("status").asText();
    }

    /** The emulator's task of the job's latest attempt. */
    Task task(String id) {
        JsonNode attempts = job(id).path("attempts");
        String arn = attempts.get(attempts.size() - 1).path("taskArn").asText();
        return local.clients.ecs().describeTasks(r -> r.cluster(settings.cluster()).tasks(arn)).tasks().getFirst();
    }

    /** startedBy of every RunTask the API and the Lambdas made, in order. */
    List<String> runTasks() {
        return local.recorder.calls().stream().filter(c -> c.operation().equals("RunTask"))
                .map(c -> ((RunTaskRequest) c.request()).startedBy()).toList();
    }

    ScheduledWiring lambda(Duration ahead) {
        return new ScheduledWiring(settings, Clock.offset(Clock.systemUTC(), ahead), List.of(EVENTS, DISPATCH, local.recorder));
    }

    /** One invocation of the ECS events Lambda with {@code fixture} rewritten to be about {@code task}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> ecsEvent(String fixture, Task task) throws IOException {
        Map<String, Object> e;
        try (InputStream in = getClass().getResourceAsStream("/events/ecs/" + fixture)) {
            e = JSON.readValue(in, Map.class);
        }
        Map<String, Object> d = (Map<String, Object>) e.get("detail");
        d.put("taskArn", task.taskArn());
        d.put("clusterArn", task.clusterArn());
        d.put("startedBy", task.startedBy());
        d.put("taskDefinitionArn", task.taskDefinitionArn());
        e.put("resources", List.of(task.taskArn()));
        ((List<Object>) d.get("containers")).forEach(c -> ((Map<String, Object>) c).put("taskArn", task.taskArn()));
        try (ScheduledWiring w = lambda(Duration.ZERO)) {
            return EVENTS.during(() -> new JobEventsHandler(w).handleRequest(e, null));
        }
    }

    Map<String, Object> dispatchLater(Duration ahead) {
        try (ScheduledWiring w = lambda(ahead)) {
            return DISPATCH.during(() -> new JobDispatchHandler(w).handleRequest(Map.of("source", "quants-infra.schedule"), null));
        }
    }

    void complete(String id) throws IOException {
        Task t = task(id);
        ecsEvent("task-running.json", t);
        Map<String, Object> r = ecsEvent("task-stopped-exit-0.json", t);
        assertEquals("completed", r.get("status"), r::toString);
    }

    @Test
    void chainPublishedAtOnce_runsInDependencyOrder_asRunTaskCalls() throws IOException {
        Path chain = Files.writeString(dir.resolve("chain.yaml"), """
                jobs:
                  - ref: fetch
                    name: fetch-data
                    payload: {source: binance, pair: BTC/USDT}
                    priority: HIGH
                  - ref: analyse
                    name: analyse
                    payload: {method: technical}
                    depends_on: [fetch]
                  - ref: report
                    name: report
                    payload: {format: pdf}
                    depends_on: [analyse]
                """);
        JsonNode published = cliJson("jobs", "publish", "-f", chain.toString());
        String fetch = published.path("jobs").get(0).path("id").asText();
        String analyse = published.path("jobs").get(1).path("id").asText();
        String report = published.path("jobs").get(2).path("id").asText();
        assertEquals(List.of(fetch), JSON.convertValue(published.path("dispatch").path("started"), List.class));

        complete(fetch);
        LocalModeFixture.Run cycle = local.cli("jobs", "dispatch");
        assertEquals(0, cycle.exit(), cycle::toString);
        assertTrue(cycle.out().startsWith("dispatch cycle: 1 started (" + analyse + ")"), cycle::toString);
        complete(analyse);
        assertEquals(0, local.cli("jobs", "dispatch").exit());
        complete(report);

        assertEquals(List.of("job/" + fetch + "/1", "job/" + analyse + "/1", "job/" + report + "/1"), runTasks());
        assertEquals("completed", status(report));
    }

    @Test
    void urgentJobPublishedLater_startsBeforeQueuedNormalOnes() throws IOException {
        String first = publish("fetch-data", "--priority", "NORMAL");
        String second = publish("fetch-data", "--priority", "NORMAL");
        String third = publish("fetch-data", "--priority", "NORMAL");
        String urgent = publish("fetch-data", "--priority", "URGENT", "--payload", "{\"symbol\": \"BTC/USDT\", \"alert_type\": \"spike\"}");
        assertEquals("running", status(first));
        assertEquals(List.of("pending", "pending", "pending"), List.of(status(second), status(third), status(urgent)));

        complete(first);
        JsonNode cycle = cliJson("jobs", "dispatch");
        assertEquals(List.of(urgent), JSON.convertValue(cycle.path("started"), List.class));
        assertEquals("job/" + urgent + "/1", runTasks().getLast());
    }

    @Test
    void exitCode1_isRetried_thenFailsTheJob_andCancelsItsDependents() throws IOException {
        String fetch = publish("fetch-data", "--max-retries", "1");
        String analyse = publish("analyse", "--depends-on", fetch);

        Map<String, Object> first = ecsEvent("task-stopped-exit-1.json", task(fetch));
        assertEquals("pending", first.get("status"), "retried: " + first);
        Map<String, Object> retry = dispatchLater(Duration.ofMinutes(2));   // past the retry's backoff
        assertEquals(List.of(fetch), retry.get("started"), retry::toString);
        Map<String, Object> second = ecsEvent("task-stopped-exit-1.json", task(fetch));
        assertEquals("failed", second.get("status"), second::toString);

        JsonNode failed = job(fetch);
        assertEquals(2, failed.path("attempts").size());
        assertEquals(1, failed.path("attempts").get(1).path("exitCode").asInt());
        assertEquals("cancelled", status(analyse));
        assertTrue(job(analyse).path("reason").asText().contains(fetch), job(analyse).toString());
        assertEquals(List.of("job/" + fetch + "/1", "job/" + fetch + "/2"), runTasks());
    }

    @Test
    void timeout_stopsTheTask() {
        String id = publish("fetch-data", "--timeout", "60s");
        Task running = task(id);
        Map<String, Object> cycle = dispatchLater(Duration.ofMinutes(3));
        assertEquals(1, cycle.get("timedOut"), cycle::toString);
        assertEquals("timed_out", status(id));
        assertTrue(local.recorder.calls().stream().anyMatch(c -> c.operation().equals("StopTask")
                && ((StopTaskRequest) c.request()).task().equals(running.taskArn())), "StopTask of " + running.taskArn());
        assertEquals("STOPPED", local.clients.ecs().describeTasks(r -> r.cluster(settings.cluster()).tasks(running.taskArn()))
                .tasks().getFirst().desiredStatus());
    }

    @Test
    void expiredJob_neverStarts() {
        String blocker = publish("fetch-data");
        String expiring = publish("fetch-data", "--expires-in", "60s");
        assertEquals("pending", status(expiring));

        Map<String, Object> cycle = dispatchLater(Duration.ofMinutes(5));
        assertEquals(1, cycle.get("expired"), cycle::toString);
        assertEquals("expired", status(expiring));
        assertEquals("running", status(blocker));
        assertFalse(runTasks().stream().anyMatch(s -> s.contains(expiring)), runTasks().toString());
    }

    @Test
    void expiredJob_isRemovedByCleanup() {
        publish("fetch-data");
        String expiring = publish("fetch-data", "--expires-in", "60s");
        dispatchLater(Duration.ofMinutes(5));
        LocalModeFixture.Run run = local.cli("jobs", "cleanup", "--older-than", "7d");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().startsWith("removed 1 job(s): 1 expired, 0 finished"), run::toString);
        assertEquals(3, local.cli("jobs", "get", expiring).exit(), "gone");
    }

    @Test
    void samePublishTwiceWithAnIdempotencyKey_returnsTheFirstJob() {
        JsonNode first = cliJson("jobs", "publish", "fetch-data", "--idempotency-key", "fetch-2026-12-07");
        JsonNode again = cliJson("jobs", "publish", "fetch-data", "--idempotency-key", "fetch-2026-12-07");
        assertEquals(first.path("jobs").get(0).path("id"), again.path("jobs").get(0).path("id"));
        assertFalse(first.path("jobs").get(0).path("existing").asBoolean());
        assertTrue(again.path("jobs").get(0).path("existing").asBoolean());
        assertEquals(1, runTasks().size(), "started once");
    }

    @Test
    void retryOfAFailedJob_queuesItAgain_andItStarts() throws IOException {
        String id = publish("fetch-data");
        ecsEvent("task-stopped-exit-1.json", task(id));
        assertEquals("failed", status(id));
        JsonNode retried = cliJson("jobs", "retry", id);
        assertEquals("running", retried.path("job").path("status").asText(), retried.toString());
        assertEquals(List.of("job/" + id + "/1", "job/" + id + "/2"), runTasks());
    }

    @Test
    void logs_printTheAttemptsStream_asTheAwslogsDriverWroteIt() {
        String id = publish("fetch-data", "--payload", "{\"symbol\": \"BTC/USDT\"}");
        JsonNode attempt = job(id).path("attempts").get(0);
        String stream = attempt.path("logStream").asText();
        assertTrue(stream.startsWith("fetch-data/job/"), attempt.toString());
        String group = settings.jobsLogGroup();
        try (var logs = local.clients.logs()) {
            logs.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
            long now = System.currentTimeMillis();
            logs.putLogEvents(r -> r.logGroupName(group).logStreamName(stream).logEvents(
                    e -> e.timestamp(now).message("fetching {'symbol': 'BTC/USDT'}"),
                    e -> e.timestamp(now + 1).message("done: 1440 candles")));
        }
        LocalModeFixture.Run run = local.cli("jobs", "logs", id, "--lines", "10");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("fetching {'symbol': 'BTC/USDT'}") && run.out().contains("done: 1440 candles"), run::toString);
        assertTrue(run.out().indexOf("fetching") < run.out().indexOf("done:"), "oldest first: " + run.out());
    }

    @Test
    void cancelOfARunningJob_stopsItsTask() {
        String id = publish("fetch-data");
        Task running = task(id);
        LocalModeFixture.Run run = local.cli("jobs", "cancel", id, "--reason", "wrong pair");
        assertEquals(0, run.exit(), run::toString);
        assertEquals("cancelled", status(id));
        assertEquals("STOPPED", local.clients.ecs().describeTasks(r -> r.cluster(settings.cluster()).tasks(running.taskArn()))
                .tasks().getFirst().desiredStatus());
    }

    @Test
    void stats_matchWhatHappened() throws IOException {
        String done = publish("fetch-data", "--tag", "analysis");
        String waiting = publish("analyse", "--priority", "HIGH");
        String cancelled = publish("report", "--priority", "LOW");
        complete(done);
        assertEquals(0, local.cli("jobs", "dispatch").exit());
        assertEquals(0, local.cli("jobs", "cancel", cancelled).exit());

        JsonNode stats = cliJson("jobs", "stats");
        assertEquals(3, stats.path("total").asInt(), stats.toString());
        assertEquals(1, stats.path("byStatus").path("completed").asInt(), stats.toString());
        assertEquals(1, stats.path("byStatus").path("running").asInt(), stats.toString());
        assertEquals(1, stats.path("byStatus").path("cancelled").asInt(), stats.toString());
        assertEquals(1, stats.path("byPriority").path("HIGH").asInt(), stats.toString());
        assertEquals(1, stats.path("definitions").path("fetch-data").path("count").asInt(), stats.toString());
        assertEquals("running", status(waiting));

        JsonNode tagged = cliJson("jobs", "list", "--tag", "analysis");
        assertEquals(List.of(done), tagged.path("jobs").findValuesAsText("id"));

        LocalModeFixture.Run table = local.cli("jobs", "stats");
        assertEquals(0, table.exit(), table::toString);
        assertTrue(table.out().startsWith("total:        3\n"), table::toString);
        assertTrue(table.out().contains("completed=1") && table.out().contains("cancelled=1"), table::toString);
        LocalModeFixture.Run get = local.cli("jobs", "get", done);
        assertTrue(get.out().contains("status:       completed") && get.out().contains("attempts:"), get::toString);
    }
}
