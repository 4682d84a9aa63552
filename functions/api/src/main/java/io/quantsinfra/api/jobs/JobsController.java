package io.quantsinfra.api.jobs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.job.Attempt;
import io.quantsinfra.core.job.Job;
import io.quantsinfra.core.job.JobLimits;
import io.quantsinfra.core.job.JobQuery;
import io.quantsinfra.core.job.JobService;
import io.quantsinfra.core.job.PublishResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 002's task publisher over HTTP: job definitions, publish (one job or a chain), the queue, one job with its
 * attempts and logs, cancel, retry, stats, cleanup and a dispatch cycle on demand.
 */
@Controller("/v1/jobs")
@Tag(name = "jobs")
final class JobsController {

    private final JobService jobs;
    private final DispatchTrigger trigger;
    private final JobLogs logs;
    private final JsonMapper json;

    JobsController(JobService jobs, DispatchTrigger trigger, JobLogs logs, JsonMapper json) {
        this.jobs = jobs;
        this.trigger = trigger;
        this.logs = logs;
        this.json = json;
    }

    @Put("/definitions/{name}")
    @Operation(summary = "Create or change a job definition (image, command, cpu/memory, secrets as references, default "
            + "timeout and retries; presets container, freqtrade-backtest, freqtrade-download-data); registers its ECS "
            + "task definition job-<name>")
    Map<String, Object> define(@PathVariable String name, @Body Map<String, Object> document) {
        Map<String, Object> doc = new LinkedHashMap<>(document);
        Object given = doc.get("name");
        if (given != null && !name.equals(given)) {
            throw new InvalidInputException("name", "the body names '" + String.valueOf(given).substring(0,
                    Math.min(64, String.valueOf(given).length())) + "' but the path names '" + name + "'");
        }
        doc.put("name", name);
        return JobDocuments.definition(jobs.define(doc));
    }

    @Get("/definitions")
    @Operation(summary = "Every job definition")
    Map<String, Object> definitions() {
        return Map.of("definitions", jobs.definitions().stream().map(JobDocuments::definition).toList());
    }

    @Get("/definitions/{name}")
    @Operation(summary = "One job definition (secrets as references)")
    Map<String, Object> definition(@PathVariable String name) {
        return JobDocuments.definition(jobs.definition(name));
    }

    @Post
    @Operation(summary = "Publish one job ({name, payload, priority, tags, timeout, expires_in, depends_on, max_retries, "
            + "idempotency_key}) or a chain ({jobs: [{ref, ...}, {depends_on: [ref], ...}]}): validated whole, nothing "
            + "stored on any problem; then the dispatcher runs")
    Map<String, Object> publish(@Body Map<String, Object> document) {
        PublishResult r = jobs.publish(document);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobs", r.jobs().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ref", p.ref());
            m.put("existing", !p.created());
            m.putAll(JobDocuments.summary(p.job()));
            return m;
        }).toList());
        out.put("dispatch", trigger.afterPublish());
        return out;
    }

    @Get
    @Operation(summary = "Jobs newest first, by status, minimum priority, tags (all must match) and definition; "
            + "limit 1..500 (default 50), nextToken for the next page")
    Map<String, Object> list(@Nullable @QueryValue String status, @Nullable @QueryValue String minPriority,
                             @Nullable @QueryValue List<String> tag, @Nullable @QueryValue String definition,
                             @Nullable @QueryValue Integer limit, @Nullable @QueryValue String nextToken) {
        var page = jobs.list(JobQuery.parse(status, minPriority, tag, definition, limit, nextToken));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobs", JobDocuments.jobs(page.jobs()));
        out.put("nextToken", page.nextPageToken());
        return out;
    }

    @Get("/ready")
    @Operation(summary = "Jobs that would start next (every dependency completed, not expired), in start order")
    Map<String, Object> ready(@Nullable @QueryValue Integer limit) {
        return Map.of("jobs", JobDocuments.jobs(jobs.ready(JobLimits.page(limit))));
    }

    @Get("/stats")
    @Operation(summary = "Totals by status and priority, expired, average completion time, p50/p95 wait and run times "
            + "per definition")
    Map<String, Object> stats() {
        return JobDocuments.stats(jobs.stats());
    }

    @Post("/cleanup")
    @Operation(summary = "Remove expired jobs and finished jobs older than olderThanHours (default 168)")
    Map<String, Object> cleanup(@Body Map<String, Object> body) {
        Duration olderThan = JobLimits.cleanupAge(body.get("olderThanHours"));
        var r = jobs.cleanup(olderThan);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("removed", r.expiredRemoved() + r.finishedRemoved());
        out.put("expired", r.expiredRemoved());
        out.put("finished", r.finishedRemoved());
        out.put("olderThanHours", olderThan.toHours());
        return out;
    }

    @Post("/dispatch")
    @Operation(summary = "Run a dispatch cycle now: in local mode in-process (the report), on AWS by invoking the "
            + "dispatcher Lambda")
    Map<String, Object> dispatch() {
        return trigger.afterPublish();
    }

    @Get("/{id}")
    @Operation(summary = "One job with its payload and attempts (task, times, exit code, stopped reason, log stream and link)")
    Map<String, Object> get(@PathVariable String id) {
        return JobDocuments.job(jobs.get(id), this::payload);
    }

    @Post("/{id}/cancel")
    @Operation(summary = "Cancel a job: pending at once, running by stopping its task; its dependents are cancelled too")
    Map<String, Object> cancel(@PathVariable String id, @Nullable @Body Map<String, Object> body) {
        Object reason = body == null ? null : body.get("reason");
        if (reason != null && !(reason instanceof String)) {
            throw new InvalidInputException("reason", "must be text");
        }
        Job j = jobs.cancel(id, (String) reason);
        return Map.of("job", JobDocuments.job(j, this::payload));
    }

    @Post("/{id}/retry")
    @Operation(summary = "Queue a failed, timed-out or cancelled job again with a fresh round of retries")
    Map<String, Object> retry(@PathVariable String id) {
        jobs.retry(id);
        Map<String, Object> dispatch = trigger.afterPublish();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", JobDocuments.job(jobs.get(id), this::payload));   // as it is after the dispatch
        out.put("dispatch", dispatch);
        return out;
    }

    @Get("/{id}/logs")
    @Operation(summary = "The last lines (1..10000, default 100) of an attempt's log stream (default: the latest attempt)")
    Map<String, Object> logs(@PathVariable String id, @Nullable @QueryValue Integer attempt, @Nullable @QueryValue Integer lines) {
        int n = JobLimits.logLines(lines);
        Job j = jobs.get(id);
        if (j.attempts().isEmpty()) {
            return Map.of("job", id, "lines", List.of(), "note", "the job has not started yet (" + j.status().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        Attempt a = attempt == null ? j.attempts().getLast() : j.attempts().stream().filter(x -> x.number() == attempt)
                .findFirst().orElseThrow(() -> new NotFoundException("job " + id + " has no attempt " + attempt
                        + " (it has " + j.attempts().size() + ")"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", id);
        out.put("attempt", a.number());
        out.put("logGroup", logs.logGroup());
        out.put("logStream", a.logStream());
        out.put("logUrl", a.logUrl());
        if (a.logStream() == null) {
            out.put("lines", List.of());
            out.put("note", "attempt " + a.number() + " has no log stream yet (its task has not started)");
            return out;
        }
        out.put("lines", logs.tail(a.logStream(), n).stream().map(e -> Map.of("timestamp", e.timestamp().toString(),
                "message", e.message())).toList());
        return out;
    }

    private Object payload(String canonical) {
        try {
            return json.readValue(canonical, Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
