package io.quantsinfra.benchmarks.jobs;

import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.dynamodb.DynamoDbJobStore;
import io.quantsinfra.aws.ecs.EcsJobRunner;
import io.quantsinfra.aws.local.LocalAccount;
import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.inmemory.InMemoryJobRunner;
import io.quantsinfra.core.inmemory.InMemoryJobStore;
import io.quantsinfra.core.job.Attempt;
import io.quantsinfra.core.job.DispatchReport;
import io.quantsinfra.core.job.Job;
import io.quantsinfra.core.job.JobDispatcher;
import io.quantsinfra.core.job.JobEvents;
import io.quantsinfra.core.job.JobRunner;
import io.quantsinfra.core.job.JobService;
import io.quantsinfra.core.job.JobSettings;
import io.quantsinfra.core.job.JobStore;
import io.quantsinfra.core.job.TaskReport;
import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.core.secret.SecretResolver;
import io.quantsinfra.testing.emulator.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The job queue at 100, 1,000 and 10,000 queued jobs with random dependencies (each job depends on up to three
 * earlier ones, random priority), drained by dispatch cycles at concurrency 50, every started task exiting 0 (one in
 * ten exiting 1 once, to exercise retries):
 * <ol>
 *   <li>in memory: dispatch decisions per second (jobs started, expired, settled or lost to a race per second of
 *       {@code dispatch()} time) and items read and written per cycle, counted by the in-memory store the way
 *       DynamoDB bills them (one per item);</li>
 *   <li>against the emulator with the DynamoDB and ECS adapters: SDK requests per dispatch cycle, by operation,
 *       counted with an interceptor.</li>
 * </ol>
 * Arguments: the queue lengths for the emulator part (default 100 200). moto's TransactWriteItems deep-copies every
 * table before it applies a transaction, so each one costs time in proportion to the whole table: past a few
 * hundred jobs a call outlasts the SDK's 10 s attempt timeout. The emulator part therefore measures requests at
 * small queues, and the in-memory part (which counts the same items) carries the growth to 10,000.
 */
public final class JobQueueBenchmark {
    static final int CONCURRENCY = 50;
    /** In memory: a wider queue head per cycle, so a cycle's time is the store and the decisions, not fixed costs. */
    static final int MEMORY_CONCURRENCY = 200;
    static final int MAX_CYCLES = 10;

    private JobQueueBenchmark() {}

    /** A clock the benchmark moves one minute per cycle (the dispatcher's schedule). */
    static final class SteppedClock extends Clock {
        Instant now = Instant.parse("2026-12-07T09:00:00Z");
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    static final SecretResolver NO_SECRETS = new SecretResolver() {
        @Override public String valueFrom(SecretRef ref) { throw new IllegalStateException(); }
        @Override public String generatedValueFrom(String name, int length) { throw new IllegalStateException(); }
    };

    public static void main(String[] args) throws Exception {
        System.out.println("== (1) in memory, concurrency " + MEMORY_CONCURRENCY
                + ": decisions per second, items read/written per dispatch cycle");
        inMemory(1000, false);  // warm-up: JIT
        System.out.println("queued  cycles  decisions  dispatch ms  decisions/s  items read/cycle  items written/cycle"
                + "  read/decision  written/decision");
        for (int n : new int[] {100, 1000, 10000}) {
            inMemory(n, true);
        }
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(100, 200);
        }
        System.out.println();
        System.out.println("== (2) emulator: SDK requests per dispatch cycle (DynamoDB + ECS), concurrency " + CONCURRENCY);
        Path work = Files.createTempDirectory("jobs-bench");
        try (MotoServer moto = MotoServer.start(0, Map.of(), work.resolve("moto.log"))) {
            System.out.println("emulator " + moto.describe());
            System.out.println("queued  cycle  started  requests  wall ms  starts/s  by operation");
            for (int n : sizes) {
                emulator(moto, n);
            }
        }
    }

    static void inMemory(int queued, boolean print) {
        SteppedClock clock = new SteppedClock();
        InMemoryJobStore store = new InMemoryJobStore();
        InMemoryJobRunner runner = new InMemoryJobRunner();
        JobSettings settings = JobSettings.defaults("/quants-infra/jobs", "us-east-1").withConcurrency(MEMORY_CONCURRENCY);
        JobService service = new JobService(store, runner, NO_SECRETS,
                new PlatformContext("/quants-infra", null, null, null, "us-east-1"), settings, clock);
        publish(service, queued, new Random(42));
        JobDispatcher dispatcher = new JobDispatcher(store, runner, settings, clock);
        JobEvents events = new JobEvents(store, runner, settings, clock);
        long decisions = 0;
        long nanos = 0;
        long reads = 0;
        long writes = 0;
        int cycles = 0;
        Random random = new Random(7);
        while (cycles < MAX_CYCLES) {
            long r0 = store.reads();
            long w0 = store.writes();
            long t0 = System.nanoTime();
            DispatchReport r = dispatcher.dispatch();
            nanos += System.nanoTime() - t0;
            reads += store.reads() - r0;
            writes += store.writes() - w0;
            cycles++;
            decisions += r.started().size() + r.expired() + r.timedOut() + r.reconciled() + r.startFailed() + r.lostRaces();
            if (r.started().isEmpty() && r.running() == 0) {
                break;
            }
            finishRunning(store, runner::finish, events, clock, random);
            clock.now = clock.now.plus(Duration.ofMinutes(1));
        }
        if (!print) {
            return;
        }
        System.out.printf(Locale.ROOT, "%6d  %6d  %9d  %11.1f  %11.0f  %16.1f  %19.1f  %13.2f  %16.2f%n", queued, cycles,
                decisions, nanos / 1e6, decisions / (nanos / 1e9), reads / (double) cycles, writes / (double) cycles,
                reads / (double) decisions, writes / (double) decisions);
    }

    interface Finisher {
        TaskReport finish(String jobId, int attempt, int exitCode, Instant startedAt, Instant stoppedAt);
    }

    /** Every running attempt exits (0, or 1 for one job in ten on its first attempt); the events are delivered. */
    static void finishRunning(JobStore store, Finisher finisher, JobEvents events, SteppedClock clock, Random random) {
        for (Job j : store.running()) {
            Attempt a = j.lastAttempt().orElseThrow();
            int exit = a.number() == 1 && random.nextInt(10) == 0 ? 1 : 0;
            events.onTaskStateChange(finisher.finish(j.id(), a.number(), exit, clock.now, clock.now.plusSeconds(30)));
        }
    }

    /** {@code n} jobs in publishes of 100, each depending on up to three random earlier jobs. */
    static List<String> publish(JobService service, int n, Random random) {
        service.define(Map.of("name", "work", "image", "python:3.12-slim", "command", List.of("python", "-c", "print(1)"),
                "max_retries", 2));
        List<String> ids = new ArrayList<>();
        String[] priorities = {"LOW", "NORMAL", "NORMAL", "HIGH", "URGENT"};
        for (int start = 0; start < n; start += 100) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(n, start + 100); i++) {
                Map<String, Object> job = new HashMap<>();
                job.put("name", "work");
                job.put("priority", priorities[random.nextInt(priorities.length)]);
                job.put("payload", Map.of("n", i));
                int deps = ids.isEmpty() ? 0 : random.nextInt(4);
                List<String> on = new ArrayList<>();
                for (int d = 0; d < deps; d++) {
                    String dep = ids.get(random.nextInt(ids.size()));
                    if (!on.contains(dep)) {
                        on.add(dep);
                    }
                }
                job.put("depends_on", on);
                batch.add(job);
            }
            service.publish(Map.of("jobs", batch)).jobs().forEach(p -> ids.add(p.job().id()));
        }
        return ids;
    }

    static void emulator(MotoServer moto, int queued) {
        moto.reset();
        Map<String, String> env = new HashMap<>(LocalAccount.prepare(moto.endpoint(), List.of()).toEnvironment());
        env.put(AwsSettings.AWS_RETRIES, "0");
        moto.setTransition("ecs::task", "{\"progression\":\"manual\",\"times\":1000000}");
        AwsCallRecorder recorder = new AwsCallRecorder();
        SteppedClock clock = new SteppedClock();
        try (AwsClients clients = new AwsClients(AwsSettings.from(env), List.of(recorder))) {
            var dynamo = clients.dynamoDb();
            var ecs = clients.ecs();
            JobSettings settings = clients.settings().jobSettings().withConcurrency(CONCURRENCY);
            DynamoDbJobStore store = new DynamoDbJobStore(dynamo, clients.settings().table(), settings.finishedRetention());
            JobRunner runner = new EcsJobRunner(ecs, clients.settings());
            JobService service = new JobService(store, runner, NO_SECRETS, clients.settings().platformContext(), settings, clock);
            publish(service, queued, new Random(42));
            JobDispatcher dispatcher = new JobDispatcher(store, runner, settings, clock);
            JobEvents events = new JobEvents(store, runner, settings, clock);
            Random random = new Random(7);
            for (int c = 1; c <= 3; c++) {
                recorder.clear();
                long t0 = System.nanoTime();
                DispatchReport r = dispatcher.dispatch();
                double ms = (System.nanoTime() - t0) / 1e6;
                Map<String, Integer> ops = new TreeMap<>();
                recorder.calls().forEach(call -> ops.merge(call.operation(), 1, Integer::sum));
                int total = ops.values().stream().mapToInt(Integer::intValue).sum();
                System.out.printf(Locale.ROOT, "%6d  %5d  %7d  %8d  %7.0f  %8.1f  %s%n", queued, c, r.started().size(), total, ms,
                        r.started().size() / (ms / 1000), ops);
                finishRunning(store, (id, attempt, exit, s, e) -> new TaskReport(
                        store.get(id).orElseThrow().lastAttempt().orElseThrow().taskArn(), Attempt.startedBy(id, attempt),
                        "STOPPED", "EssentialContainerExited", "Essential container in task exited", exit, null, s, e),
                        events, clock, random);
                clock.now = clock.now.plus(Duration.ofMinutes(1));
            }
        }
    }
}
