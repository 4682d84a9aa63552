package io.quantsinfra.aws.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.aws.dynamodb.DynamoDbJobStore;
import io.quantsinfra.aws.ecs.EcsJobRunner;
import io.quantsinfra.core.job.Attempt;
import io.quantsinfra.core.job.DispatchReport;
import io.quantsinfra.core.job.EventResult;
import io.quantsinfra.core.job.Job;
import io.quantsinfra.core.job.JobDispatcher;
import io.quantsinfra.core.job.JobEvents;
import io.quantsinfra.core.job.JobService;
import io.quantsinfra.core.job.JobSettings;
import io.quantsinfra.core.job.JobStatus;
import io.quantsinfra.core.job.PublishResult;
import io.quantsinfra.core.job.TaskReport;
import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.core.secret.SecretResolver;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import io.quantsinfra.testing.emulator.MotoServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/** The queue over the DynamoDB and ECS adapters against the emulator, which serializes requests as AWS conditions do. */
@ExtendWith(AwsEmulatorExtension.class)
class JobQueueEmulatorTest {
    private static final SecretResolver NO_SECRETS = new SecretResolver() {
        @Override public String valueFrom(SecretRef ref) { throw new AssertionError("no secrets in these definitions"); }
        @Override public String generatedValueFrom(String name, int length) { throw new AssertionError(); }
    };
    private AwsClients clients;
    private EcsClient ecs;
    private JobSettings settings;
    private JobService service;

    @BeforeEach
    void prepare(AwsEmulator aws) {
        clients = EmulatedAccount.prepare(aws);
        if (aws instanceof MotoServer moto) {
            moto.setTransition("ecs::task", "{\"progression\":\"manual\",\"times\":1000000}");
        }
        ecs = clients.ecs();
        settings = clients.settings().jobSettings().withConcurrency(100);
        service = new JobService(store(), runner(), NO_SECRETS, clients.settings().platformContext(), settings, Clock.systemUTC());
        service.define(Map.of("name", "work", "image", "python:3.12-slim", "command", List.of("python", "-c", "print(1)")));
    }

    private DynamoDbJobStore store() {
        return new DynamoDbJobStore(clients.dynamoDb(), clients.settings().table(), settings.finishedRetention());
    }

    private EcsJobRunner runner() {
        return new EcsJobRunner(ecs, clients.settings());
    }

    @AfterEach
    void close() {
        ecs.close();
        clients.close();
    }

    private List<Task> tasks() {
        List<String> arns = new ArrayList<>(ecs.listTasks(b -> b.cluster(clients.settings().cluster())).taskArns());
        return arns.isEmpty() ? List.of() : ecs.describeTasks(b -> b.cluster(clients.settings().cluster()).tasks(arns)).tasks();
    }

    @Test
    void racingDispatchers_startEachAttemptExactlyOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(service.publish(Map.of("name", "work", "payload", Map.of("n", i))).jobs().getFirst().job().id());
        }
        List<Callable<DispatchReport>> racers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            racers.add(() -> new JobDispatcher(store(), runner(), settings, Clock.systemUTC()).dispatch());
        }
        int started = 0;
        int lost = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<DispatchReport> f : pool.invokeAll(racers)) {
                started += f.get().started().size();
                lost += f.get().lostRaces();
            }
        }
        List<Task> tasks = tasks();
        Set<String> startedBy = new HashSet<>();
        tasks.forEach(t -> startedBy.add(t.startedBy()));
        assertEquals(12, started, "lost races: " + lost);
        assertEquals(12, tasks.size());
        assertEquals(ids.stream().map(id -> Attempt.startedBy(id, 1)).collect(java.util.stream.Collectors.toSet()), startedBy);
        for (String id : ids) {
            Job j = service.get(id);
            assertEquals(JobStatus.RUNNING, j.status());
            assertEquals(1, j.attempts().size());
            assertTrue(tasks.stream().anyMatch(t -> t.taskArn().equals(j.attempts().getFirst().taskArn())));
        }
    }

    @Test
    void chain_runsInOrder_asRunTaskCalls_completingFromTaskEvents() {
        PublishResult r = service.publish(Map.of("jobs", List.of(
                Map.of("ref", "fetch", "name", "work"),
                Map.of("ref", "analyse", "name", "work", "depends_on", List.of("fetch")),
                Map.of("ref", "report", "name", "work", "depends_on", List.of("analyse")))));
        JobDispatcher dispatcher = new JobDispatcher(store(), runner(), settings, Clock.systemUTC());
        JobEvents events = new JobEvents(store(), runner(), settings, Clock.systemUTC());
        for (PublishResult.Published p : r.jobs()) {
            assertEquals(List.of(p.job().id()), dispatcher.dispatch().started());
            Job running = service.get(p.job().id());
            String arn = running.lastAttempt().orElseThrow().taskArn();
            EventResult e = events.onTaskStateChange(new TaskReport(arn, Attempt.startedBy(running.id(), 1), "STOPPED",
                    "EssentialContainerExited", "Essential container in task exited", 0, null, null, null));
            assertEquals(EventResult.Outcome.SETTLED, e.outcome());
            assertEquals(JobStatus.COMPLETED, e.status());
        }
        assertEquals(3, tasks().size());
        assertEquals(3L, service.stats().byStatus().get(JobStatus.COMPLETED));
    }

    @Test
    void cancelRunning_stopsItsTaskInEcs() {
        Job j = service.publish(Map.of("name", "work")).jobs().getFirst().job();
        new JobDispatcher(store(), runner(), settings, Clock.systemUTC()).dispatch();
        String arn = service.get(j.id()).lastAttempt().orElseThrow().taskArn();
        assertEquals(JobStatus.CANCELLED, service.cancel(j.id(), "wrong pair").status());
        Task t = ecs.describeTasks(b -> b.cluster(clients.settings().cluster()).tasks(arn)).tasks().getFirst();
        assertEquals("STOPPED", t.desiredStatus());
    }
}
