package io.quantsinfra.core.inmemory;

import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.job.Job;
import io.quantsinfra.core.job.JobRunner;
import io.quantsinfra.core.job.TaskReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ECS for jobs in memory, with RunTask's client-token idempotency: a repeated run of the same attempt returns the
 * same task. Tests drive tasks to STOPPED with {@link #finish}; {@link #refuseNext} makes the next run refused.
 */
public final class InMemoryJobRunner implements JobRunner {
    /** A started task. */
    public record Task(String taskArn, String jobId, int attempt, String taskDefinitionArn, Map<String, String> environment,
                       String lastStatus, Integer exitCode, String stoppedReason, Instant startedAt, Instant stoppedAt) {}

    private final Map<String, TaskSpec> registered = new LinkedHashMap<>();
    private final Map<String, Task> byToken = new LinkedHashMap<>();
    private final List<String> runCalls = new ArrayList<>();
    private final List<String> stops = new ArrayList<>();
    private final AtomicInteger seq = new AtomicInteger();
    private String refuse;

    @Override
    public synchronized String register(TaskSpec spec) {
        String arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/" + spec.family() + ":" + (registered.size() + 1);
        registered.put(arn, spec);
        return arn;
    }

    @Override
    public synchronized RunResult run(String taskDefinitionArn, Job job, int attempt, Map<String, String> environment) {
        runCalls.add(job.id() + "/" + attempt);
        if (refuse != null) {
            String r = refuse;
            refuse = null;
            return new Refused(r);
        }
        String token = job.id() + "-" + attempt;
        Task t = byToken.computeIfAbsent(token, k -> new Task("arn:aws:ecs:us-east-1:123456789012:task/quants-infra/t"
                + seq.incrementAndGet(), job.id(), attempt, taskDefinitionArn, Map.copyOf(environment), "PROVISIONING", null,
                null, null, null));
        return new Started(t.taskArn());
    }

    @Override
    public synchronized java.util.Optional<String> find(String jobId, int attempt) {
        return java.util.Optional.ofNullable(byToken.get(jobId + "-" + attempt)).map(Task::taskArn);
    }

    /** Starts a task for the attempt as a dispatcher would have before it died (no record in the store). */
    public synchronized String startBehindTheStoresBack(Job job, int attempt) {
        return ((Started) run("arn:td", job, attempt, Map.of())).taskArn();
    }

    @Override
    public synchronized void stop(String taskArn, String reason) {
        stops.add(taskArn);
        byToken.replaceAll((k, t) -> t.taskArn().equals(taskArn) && !"STOPPED".equals(t.lastStatus())
                ? new Task(t.taskArn(), t.jobId(), t.attempt(), t.taskDefinitionArn(), t.environment(), "STOPPED", null, reason,
                t.startedAt(), t.stoppedAt()) : t);
    }

    @Override
    public synchronized List<TaskReport> describe(Collection<String> taskArns) {
        List<TaskReport> out = new ArrayList<>();
        for (String arn : taskArns) {
            Task t = byToken.values().stream().filter(x -> x.taskArn().equals(arn)).findFirst().orElse(null);
            out.add(t == null ? new TaskReport(arn, null, TaskReport.MISSING, null, null, null, null, null, null)
                    : report(t));
        }
        return out;
    }

    /** The task ECS would describe. */
    public static TaskReport report(Task t) {
        return new TaskReport(t.taskArn(), io.quantsinfra.core.job.Attempt.startedBy(t.jobId(), t.attempt()), t.lastStatus(),
                "STOPPED".equals(t.lastStatus()) ? "EssentialContainerExited" : null, t.stoppedReason(), t.exitCode(), null,
                t.startedAt(), t.stoppedAt());
    }

    /** Marks the task of {@code jobId}'s attempt stopped with {@code exitCode}; the report an event would carry. */
    public synchronized TaskReport finish(String jobId, int attempt, int exitCode, Instant startedAt, Instant stoppedAt) {
        String token = jobId + "-" + attempt;
        Task t = byToken.get(token);
        Task done = new Task(t.taskArn(), jobId, attempt, t.taskDefinitionArn(), t.environment(), "STOPPED", exitCode,
                "Essential container in task exited", startedAt, stoppedAt);
        byToken.put(token, done);
        return report(done);
    }

    /** The next run is refused by "ECS" with {@code reason}. */
    public synchronized void refuseNext(String reason) {
        refuse = reason;
    }

    /** Every task started, in order. */
    public synchronized List<Task> tasks() {
        return List.copyOf(byToken.values());
    }

    /** Every run call as {@code jobId/attempt}, repeats included. */
    public synchronized List<String> runCalls() {
        return List.copyOf(runCalls);
    }

    /** Every stopped task ARN. */
    public synchronized List<String> stops() {
        return List.copyOf(stops);
    }

    /** Registered task definitions by ARN. */
    public synchronized Map<String, TaskSpec> registered() {
        return Map.copyOf(registered);
    }
}
