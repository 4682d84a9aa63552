package io.quantsinfra.scheduled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.dynamodb.DynamoDbJobStore;
import io.quantsinfra.aws.ecs.EcsJobRunner;
import io.quantsinfra.aws.local.LocalAccount;
import io.quantsinfra.aws.secretsmanager.SecretsManagerResolver;
import io.quantsinfra.core.job.Job;
import io.quantsinfra.core.job.JobService;
import io.quantsinfra.core.job.JobStatus;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The job Lambdas as the runtime calls them, against the emulator: the dispatcher (the scheduled event) starts ready
 * jobs as RunTask calls, and the ECS events handler reads real "ECS Task State Change" events (fixtures under
 * {@code events/ecs/}, pointed at the emulator's task) to settle attempts.
 */
@ExtendWith(AwsEmulatorExtension.class)
class JobHandlersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    AwsSettings settings;
    AwsClients clients;
    EcsClient ecs;
    JobService jobs;

    @BeforeEach
    void start(AwsEmulator aws) {
        aws.reset();
        Map<String, String> env = new HashMap<>(LocalAccount.prepare(aws.endpoint(), List.of("freqtrade", "data-collector", "monitor"))
                .toEnvironment());
        env.put(AwsSettings.AWS_RETRIES, "0");
        settings = AwsSettings.from(env);
        clients = new AwsClients(settings);
        ecs = clients.ecs();
        jobs = new JobService(new DynamoDbJobStore(clients.dynamoDb(), settings.table(), settings.jobSettings().finishedRetention()),
                new EcsJobRunner(ecs, settings), new SecretsManagerResolver(clients.secretsManager(), settings.secretPrefix(),
                settings.kmsKeyId()), settings.platformContext(), settings.jobSettings(), Clock.systemUTC());
        jobs.define(Map.of("name", "fetch-data", "image", "python:3.12-slim", "command", List.of("python", "-c", "print(1)"),
                "max_retries", 0));
    }

    @AfterEach
    void stop() {
        ecs.close();
        clients.close();
    }

    ScheduledWiring container() {
        return new ScheduledWiring(settings, Clock.systemUTC(), RecordedCalls.interceptors());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> event(String name) throws IOException {
        try (var in = JobHandlersTest.class.getResourceAsStream("/events/" + name)) {
            return JSON.readValue(in, Map.class);
        }
    }

    /** A recorded ECS event about {@code task}, the emulator's own (ARN, cluster, startedBy). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> eventAbout(String fixture, Task task) throws IOException {
        Map<String, Object> e = event("ecs/" + fixture);
        Map<String, Object> d = (Map<String, Object>) e.get("detail");
        d.put("taskArn", task.taskArn());
        d.put("clusterArn", task.clusterArn());
        d.put("startedBy", task.startedBy());
        e.put("resources", List.of(task.taskArn()));
        for (Object c : (List<Object>) d.get("containers")) {
            ((Map<String, Object>) c).put("taskArn", task.taskArn());
        }
        return e;
    }

    List<Task> jobTasks() {
        List<String> arns = ecs.listTasks(r -> r.cluster(settings.cluster())).taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster(settings.cluster()).tasks(arns)).tasks().stream()
                .filter(t -> t.startedBy() != null && t.startedBy().startsWith("job/")).toList();
    }

    @Test
    void dispatchHandler_startsAReadyJob_asOneRunTaskStartedByItsAttempt() throws Exception {
        Job job = jobs.publish(Map.of("name", "fetch-data", "payload", Map.of("source", "binance"))).jobs().getFirst().job();
        try (ScheduledWiring c = container()) {
            Map<String, Object> r = RecordedCalls.dispatch(c, event("scheduled-event.json"));
            assertEquals(List.of(job.id()), r.get("started"), r::toString);
        }
        List<Task> tasks = jobTasks();
        assertEquals(1, tasks.size());
        assertEquals("job/" + job.id() + "/1", tasks.getFirst().startedBy());
        assertEquals(JobStatus.RUNNING, jobs.get(job.id()).status());
    }

    @Test
    void threeDispatchersAtOnce_startEachJobExactlyOnce() throws Exception {
        for (int i = 0; i < 4; i++) {
            jobs.publish(Map.of("name", "fetch-data", "payload", Map.of("n", i)));
        }
        List<ScheduledWiring> containers = List.of(container(), container(), container());
        List<Callable<Map<String, Object>>> calls = new ArrayList<>();
        Map<String, Object> event = event("scheduled-event.json");
        containers.forEach(c -> calls.add(() -> RecordedCalls.dispatch(c, event)));
        List<Object> started = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            for (Future<Map<String, Object>> f : pool.invokeAll(calls)) {
                started.addAll((List<?>) f.get().get("started"));
            }
        }
        containers.forEach(ScheduledWiring::close);
        assertEquals(4, started.size(), started::toString);
        assertEquals(4, started.stream().distinct().count(), started::toString);
        assertEquals(4, jobTasks().size(), "one RunTask per job");
    }

    @Test
    void eventsHandler_exitCode1WithoutRetries_failsTheJob_andCancelsItsDependent() throws Exception {
        var published = jobs.publish(Map.of("jobs", List.of(Map.of("ref", "fetch", "name", "fetch-data"),
                Map.of("ref", "report", "name", "fetch-data", "depends_on", List.of("fetch"))))).jobs();
        String fetch = published.get(0).job().id();
        String report = published.get(1).job().id();
        try (ScheduledWiring c = container()) {
            RecordedCalls.dispatch(c, event("scheduled-event.json"));
            Task task = jobTasks().getFirst();

            Map<String, Object> running = RecordedCalls.jobEvent(c, eventAbout("task-running.json", task));
            assertEquals("started", running.get("outcome"), running::toString);
            Map<String, Object> stopped = RecordedCalls.jobEvent(c, eventAbout("task-stopped-exit-1.json", task));
            assertEquals("settled", stopped.get("outcome"), stopped::toString);
            assertEquals("failed", stopped.get("status"));
            Map<String, Object> again = RecordedCalls.jobEvent(c, eventAbout("task-stopped-exit-1.json", task));
            assertEquals("duplicate", again.get("outcome"), "a redelivered event changes nothing");
        }
        Job failed = jobs.get(fetch);
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals(1, failed.attempts().getFirst().exitCode());
        assertTrue(failed.attempts().getFirst().logStream().startsWith("fetch-data/job/"), failed.attempts().toString());
        assertEquals(JobStatus.CANCELLED, jobs.get(report).status());
    }

    @Test
    void eventsHandler_exitCode0_completesTheJob_andTheDependentStartsNext() throws Exception {
        var published = jobs.publish(Map.of("jobs", List.of(Map.of("ref", "fetch", "name", "fetch-data"),
                Map.of("ref", "report", "name", "fetch-data", "depends_on", List.of("fetch"))))).jobs();
        String report = published.get(1).job().id();
        try (ScheduledWiring c = container()) {
            RecordedCalls.dispatch(c, event("scheduled-event.json"));
            Task task = jobTasks().getFirst();
            RecordedCalls.jobEvent(c, eventAbout("task-running.json", task));
            Map<String, Object> done = RecordedCalls.jobEvent(c, eventAbout("task-stopped-exit-0.json", task));
            assertEquals("completed", done.get("status"), done::toString);
            Map<String, Object> next = RecordedCalls.dispatch(c, event("scheduled-event.json"));
            assertEquals(List.of(report), next.get("started"), next::toString);
        }
    }

    @Test
    void dispatchHandler_publishesTheOldestReadyJobsAge_theStuckPendingAlarmsMetric() throws Exception {
        Map<String, String> env = new HashMap<>(settings.toEnvironment());
        env.put(AwsSettings.JOBS_CONCURRENCY, "1");
        AwsSettings one = AwsSettings.from(env);
        jobs.publish(Map.of("name", "fetch-data"));
        Job waiting = jobs.publish(Map.of("name", "fetch-data")).jobs().getFirst().job();
        Instant later = Instant.now().plus(Duration.ofMinutes(20));
        try (ScheduledWiring c = new ScheduledWiring(one, Clock.fixed(later, ZoneOffset.UTC), RecordedCalls.interceptors());
             var cw = clients.cloudWatch()) {
            Map<String, Object> r = RecordedCalls.dispatch(c, event("scheduled-event.json"));
            assertEquals(1, ((List<?>) r.get("started")).size(), "one slot: the first job starts, the second waits");
            long age = ((Number) r.get("oldestReadySeconds")).longValue();
            assertTrue(age >= Duration.between(waiting.createdAt(), later).toSeconds() - 1 && age < 21 * 60, r.toString());

            var data = cw.getMetricData(q -> q.startTime(later.minus(Duration.ofMinutes(5))).endTime(later.plus(Duration.ofMinutes(5)))
                    .metricDataQueries(m -> m.id("age").metricStat(st -> st.period(60).stat("Maximum").metric(x -> x
                            .namespace(io.quantsinfra.aws.telemetry.ControlPlaneMetrics.NAMESPACE)
                            .metricName(io.quantsinfra.aws.telemetry.ControlPlaneMetrics.JOBS_OLDEST_READY)))));
            assertEquals(List.of((double) age), data.metricDataResults().getFirst().values(), data.toString());
        }
    }

    @Test
    void eventsHandler_ignoresAServiceTask() throws Exception {
        try (ScheduledWiring c = container()) {
            Map<String, Object> r = RecordedCalls.jobEvent(c, event("ecs/service-task-stopped.json"));
            assertEquals("ignored", r.get("outcome"), r::toString);
        }
    }

    @Test
    void dispatchHandler_namesItsTrigger_scheduleOrPublishOrManual() throws Exception {
        assertEquals("arn:aws:events:us-east-1:123456789012:rule/quants-infra-alert-evaluation",
                JobDispatchHandler.trigger(event("scheduled-event.json")));
        assertEquals("publish", JobDispatchHandler.trigger(Map.of("source", "quants-infra.publish")));
        assertEquals("manual", JobDispatchHandler.trigger(Map.of()));
    }
}
