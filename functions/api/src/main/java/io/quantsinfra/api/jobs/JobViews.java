package io.quantsinfra.api.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.quantsinfra.core.job.Attempt;
import io.quantsinfra.core.job.DispatchReport;
import io.quantsinfra.core.job.Job;
import io.quantsinfra.core.job.JobDefinition;
import io.quantsinfra.core.job.JobStats;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The API's JSON for the job records: camelCase like the rest of the API, statuses and outcomes lowercase, times
 * ISO-8601, durations in seconds. Secrets of a definition appear only as references.
 */
final class JobViews {
    static final String[] STATUSES = {"pending", "running", "completed", "failed", "timed_out", "cancelled", "expired"};
    static final String[] PRIORITIES = {"LOW", "NORMAL", "HIGH", "URGENT"};

    private JobViews() {}

    static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    /** What a listing shows of a job (no payload, no attempt details). */
    @Serdeable
    record Summary(String id, String definition,
                   @Schema(allowableValues = {"pending", "running", "completed", "failed", "timed_out", "cancelled", "expired"})
                   String status,
                   @Schema(allowableValues = {"LOW", "NORMAL", "HIGH", "URGENT"}) String priority,
                   List<String> tags, List<String> dependsOn, int attemptCount,
                   @Schema(format = "date-time") String createdAt,
                   @Nullable @Schema(format = "date-time") String expiresAt,
                   @Nullable @Schema(format = "date-time") String finishedAt, @Nullable String reason) {
        static Summary of(Job j) {
            return new Summary(j.id(), j.definition(), lower(j.status()), j.priority().name(), j.tags(), j.dependsOn(),
                    j.attempts().size(), time(j.createdAt()), time(j.expiresAt()), time(j.finishedAt()), j.reason());
        }
    }

    /** A page of jobs, or the jobs that would start next. */
    @Serdeable
    record Jobs(List<Summary> jobs, @Nullable String nextToken) {
        static Jobs of(List<Job> jobs, String nextToken) {
            return new Jobs(jobs.stream().map(Summary::of).toList(), nextToken);
        }
    }

    /** The jobs that would start next. */
    @Serdeable
    record Ready(List<Summary> jobs) {}

    /** The whole job: the summary's fields, its payload and its attempts. */
    @Serdeable
    record Full(String id, String definition,
                @Schema(allowableValues = {"pending", "running", "completed", "failed", "timed_out", "cancelled", "expired"})
                String status,
                @Schema(allowableValues = {"LOW", "NORMAL", "HIGH", "URGENT"}) String priority,
                List<String> tags, List<String> dependsOn, int attemptCount,
                @Schema(format = "date-time") String createdAt,
                @Nullable @Schema(format = "date-time") String expiresAt,
                @Nullable @Schema(format = "date-time") String finishedAt, @Nullable String reason,
                @Nullable @Schema(description = "the JSON value the job was published with") Object payload,
                @Nullable Long timeoutSeconds, int maxRetries, List<String> blockedBy, @Nullable String idempotencyKey,
                @Nullable @Schema(format = "date-time") String notBefore,
                @Nullable @Schema(format = "date-time") String updatedAt, List<AttemptView> attempts) {
        static Full of(Job j, Function<String, Object> payload) {
            return new Full(j.id(), j.definition(), lower(j.status()), j.priority().name(), j.tags(), j.dependsOn(),
                    j.attempts().size(), time(j.createdAt()), time(j.expiresAt()), time(j.finishedAt()), j.reason(),
                    j.payload() == null ? null : payload.apply(j.payload()),
                    j.timeout() == null ? null : j.timeout().toSeconds(), j.maxRetries(), j.blockedBy(),
                    j.idempotencyKey(), time(j.notBefore()), time(j.updatedAt()),
                    j.attempts().stream().map(AttemptView::of).toList());
        }
    }

    /** One attempt: its task, times, exit code, why it stopped, its log stream and a console link. */
    @Serdeable
    record AttemptView(int number,
                       @Schema(allowableValues = {"claimed", "running", "succeeded", "failed", "start_failed", "timed_out",
                               "cancelled"}) String outcome,
                       @Nullable String taskArn, @Nullable @Schema(format = "date-time") String claimedAt,
                       @Nullable @Schema(format = "date-time") String startedAt,
                       @Nullable @Schema(format = "date-time") String stoppedAt, @Nullable Integer exitCode,
                       @Nullable String stoppedReason, @Nullable String logStream, @Nullable String logUrl) {
        static AttemptView of(Attempt a) {
            return new AttemptView(a.number(), lower(a.outcome()), a.taskArn(), time(a.claimedAt()), time(a.startedAt()),
                    time(a.stoppedAt()), a.exitCode(), a.reason(), a.logStream(), a.logUrl());
        }
    }

    /** One published job: its ref in the request, whether it existed already (idempotency key), and the job. */
    @Serdeable
    record Published(@Nullable String ref, boolean existing, String id, String definition, String status,
                     String priority, List<String> tags, List<String> dependsOn, int attemptCount,
                     @Schema(format = "date-time") String createdAt,
                     @Nullable @Schema(format = "date-time") String expiresAt,
                     @Nullable @Schema(format = "date-time") String finishedAt, @Nullable String reason) {
        static Published of(String ref, boolean existing, Job j) {
            Summary s = Summary.of(j);
            return new Published(ref, existing, s.id(), s.definition(), s.status(), s.priority(), s.tags(), s.dependsOn(),
                    s.attemptCount(), s.createdAt(), s.expiresAt(), s.finishedAt(), s.reason());
        }
    }

    /** What a publish stored, and what the dispatch after it did. */
    @Serdeable
    record PublishAnswer(List<Published> jobs, Dispatch dispatch) {}

    /** A job definition; secrets only as references. */
    @Serdeable
    record Definition(String name, @Nullable String preset, String image, List<String> entryPoint, List<String> command,
                      int cpu, int memory, Map<String, String> environment, Map<String, SecretRefView> secrets,
                      @Nullable Long timeoutSeconds, int maxRetries, @Nullable String taskDefinitionArn, String family,
                      @Nullable @Schema(format = "date-time") String createdAt,
                      @Nullable @Schema(format = "date-time") String updatedAt) {
        static Definition of(JobDefinition d) {
            Map<String, SecretRefView> secrets = new LinkedHashMap<>();
            d.secrets().forEach((k, v) -> secrets.put(k, new SecretRefView(v.name(), v.jsonKey())));
            return new Definition(d.name(), d.preset(), d.image(), d.entryPoint(), d.command(), d.cpu(), d.memory(),
                    d.environment(), secrets, d.timeout() == null ? null : d.timeout().toSeconds(), d.maxRetries(),
                    d.taskDefinitionArn(), d.family(), time(d.createdAt()), time(d.updatedAt()));
        }
    }

    /** A secret reference ({@code jsonKey} absent for the whole value). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SecretRefView(String secretRef, @Nullable String jsonKey) {}

    /** Every job definition. */
    @Serdeable
    record Definitions(List<Definition> definitions) {}

    /** Totals by status and priority, expired, average completion, per-definition wait and run percentiles. */
    @Serdeable
    record Stats(long total, Map<String, Long> byStatus, Map<String, Long> byPriority, long expired,
                 @Nullable Double avgCompletionSeconds, Map<String, DefinitionStats> definitions) {
        static Stats of(JobStats s) {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            s.byStatus().forEach((k, v) -> byStatus.put(lower(k), v));
            Map<String, Long> byPriority = new LinkedHashMap<>();
            s.byPriority().forEach((k, v) -> byPriority.put(k.name(), v));
            Map<String, DefinitionStats> defs = new LinkedHashMap<>();
            s.definitions().forEach((name, d) -> defs.put(name, new DefinitionStats(d.jobs(), d.waitP50Seconds(),
                    d.waitP95Seconds(), d.runP50Seconds(), d.runP95Seconds())));
            return new Stats(s.total(), byStatus, byPriority, s.expired(), s.averageCompletionSeconds(), defs);
        }
    }

    /** One definition's figures ({@code null} before there is anything to measure). */
    @Serdeable
    record DefinitionStats(long count, @Nullable Double waitP50Seconds, @Nullable Double waitP95Seconds,
                           @Nullable Double runP50Seconds, @Nullable Double runP95Seconds) {}

    /** What a cleanup removed. */
    @Serdeable
    record Cleaned(int removed, int expired, int finished, long olderThanHours) {}

    /** A cancelled job. */
    @Serdeable
    record Cancelled(Full job) {}

    /** A retried job as it is after the dispatch that followed, and that dispatch. */
    @Serdeable
    record Retried(Full job, Dispatch dispatch) {}

    /** The last lines of an attempt's log stream; {@code note} says why there are none yet. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Logs(String job, @Nullable Integer attempt, @Nullable String logGroup, @Nullable String logStream,
                @Nullable String logUrl, List<Line> lines, @Nullable String note) {}

    /** One log line. */
    @Serdeable
    record Line(@Schema(format = "date-time") String timestamp, String message) {}

    /**
     * What the dispatch after a publish did: {@code mode} {@code lambda} (with {@code invoked}, the function) or
     * {@code in-process} (with the cycle's figures); {@code error} instead when it could not run.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Dispatch(@Schema(allowableValues = {"lambda", "in-process"}) String mode, @Nullable String invoked,
                    @Nullable List<String> started, @Nullable Integer expired, @Nullable Integer timedOut,
                    @Nullable Integer reconciled, @Nullable Integer startFailed, @Nullable Integer lostRaces,
                    @Nullable Integer running, @Nullable Integer left, @Nullable String error) {
        static Dispatch invoked(String function) {
            return new Dispatch("lambda", function, null, null, null, null, null, null, null, null, null);
        }

        static Dispatch cycle(DispatchReport r) {
            return new Dispatch("in-process", null, r.started(), r.expired(), r.timedOut(), r.reconciled(),
                    r.startFailed(), r.lostRaces(), r.running(), r.left(), null);
        }

        static Dispatch failed(String mode, String error) {
            return new Dispatch(mode, null, null, null, null, null, null, null, null, null, error);
        }
    }
}
