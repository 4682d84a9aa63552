package io.quantsinfra.api.jobs;

import io.quantsinfra.core.job.Attempt;
import io.quantsinfra.core.job.DispatchReport;
import io.quantsinfra.core.job.Job;
import io.quantsinfra.core.job.JobDefinition;
import io.quantsinfra.core.job.JobStats;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API's JSON for the job records: camelCase like the rest of the API, statuses and outcomes lowercase, times
 * ISO-8601, durations in seconds. Secrets of a definition appear only as references.
 */
final class JobDocuments {
    private JobDocuments() {}

    /** The whole job; {@code payload} turns its canonical JSON text back into a JSON value. */
    static Map<String, Object> job(Job j, java.util.function.Function<String, Object> payload) {
        Map<String, Object> m = summary(j);
        m.put("payload", j.payload() == null ? null : payload.apply(j.payload()));
        m.put("timeoutSeconds", j.timeout() == null ? null : j.timeout().toSeconds());
        m.put("maxRetries", j.maxRetries());
        m.put("blockedBy", j.blockedBy());
        m.put("idempotencyKey", j.idempotencyKey());
        m.put("notBefore", time(j.notBefore()));
        m.put("updatedAt", time(j.updatedAt()));
        m.put("attempts", j.attempts().stream().map(JobDocuments::attempt).toList());
        return m;
    }

    /** What a listing shows of a job (no payload, no attempt details). */
    static Map<String, Object> summary(Job j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("definition", j.definition());
        m.put("status", lower(j.status()));
        m.put("priority", j.priority().name());
        m.put("tags", j.tags());
        m.put("dependsOn", j.dependsOn());
        m.put("attemptCount", j.attempts().size());
        m.put("createdAt", time(j.createdAt()));
        m.put("expiresAt", time(j.expiresAt()));
        m.put("finishedAt", time(j.finishedAt()));
        m.put("reason", j.reason());
        return m;
    }

    static Map<String, Object> attempt(Attempt a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", a.number());
        m.put("outcome", lower(a.outcome()));
        m.put("taskArn", a.taskArn());
        m.put("claimedAt", time(a.claimedAt()));
        m.put("startedAt", time(a.startedAt()));
        m.put("stoppedAt", time(a.stoppedAt()));
        m.put("exitCode", a.exitCode());
        m.put("stoppedReason", a.reason());
        m.put("logStream", a.logStream());
        m.put("logUrl", a.logUrl());
        return m;
    }

    static Map<String, Object> definition(JobDefinition d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("preset", d.preset());
        m.put("image", d.image());
        m.put("entryPoint", d.entryPoint());
        m.put("command", d.command());
        m.put("cpu", d.cpu());
        m.put("memory", d.memory());
        m.put("environment", d.environment());
        Map<String, Object> secrets = new LinkedHashMap<>();
        d.secrets().forEach((k, v) -> {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("secretRef", v.name());
            if (v.jsonKey() != null) {
                ref.put("jsonKey", v.jsonKey());
            }
            secrets.put(k, ref);
        });
        m.put("secrets", secrets);
        m.put("timeoutSeconds", d.timeout() == null ? null : d.timeout().toSeconds());
        m.put("maxRetries", d.maxRetries());
        m.put("taskDefinitionArn", d.taskDefinitionArn());
        m.put("family", d.family());
        m.put("createdAt", time(d.createdAt()));
        m.put("updatedAt", time(d.updatedAt()));
        return m;
    }

    static Map<String, Object> stats(JobStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", s.total());
        Map<String, Object> byStatus = new LinkedHashMap<>();
        s.byStatus().forEach((k, v) -> byStatus.put(lower(k), v));
        m.put("byStatus", byStatus);
        Map<String, Object> byPriority = new LinkedHashMap<>();
        s.byPriority().forEach((k, v) -> byPriority.put(k.name(), v));
        m.put("byPriority", byPriority);
        m.put("expired", s.expired());
        m.put("avgCompletionSeconds", s.averageCompletionSeconds());
        Map<String, Object> defs = new LinkedHashMap<>();
        s.definitions().forEach((name, d) -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("count", d.jobs());
            x.put("waitP50Seconds", d.waitP50Seconds());
            x.put("waitP95Seconds", d.waitP95Seconds());
            x.put("runP50Seconds", d.runP50Seconds());
            x.put("runP95Seconds", d.runP95Seconds());
            defs.put(name, x);
        });
        m.put("definitions", defs);
        return m;
    }

    static Map<String, Object> cycle(DispatchReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("started", r.started());
        m.put("expired", r.expired());
        m.put("timedOut", r.timedOut());
        m.put("reconciled", r.reconciled());
        m.put("startFailed", r.startFailed());
        m.put("lostRaces", r.lostRaces());
        m.put("running", r.running());
        m.put("left", r.left());
        return m;
    }

    static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    static List<Map<String, Object>> jobs(List<Job> jobs) {
        return jobs.stream().map(JobDocuments::summary).toList();
    }
}
