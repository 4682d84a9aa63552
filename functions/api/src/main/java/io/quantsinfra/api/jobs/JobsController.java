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
import io.micronaut.serde.annotation.Serdeable;
import io.quantsinfra.api.problem.ProblemResponses;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.job.Attempt;
import io.quantsinfra.core.job.Job;
import io.quantsinfra.core.job.JobLimits;
import io.quantsinfra.core.job.JobQuery;
import io.quantsinfra.core.job.JobService;
import io.quantsinfra.core.job.PublishResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Seed 002's task publisher over HTTP: job definitions, publish (one job or a chain), the queue, one job with its
 * attempts and logs, cancel, retry, stats, cleanup and a dispatch cycle on demand.
 */
@Controller("/v1/jobs")
@Tag(name = "jobs")
@ProblemResponses.Common
final class JobsController {
    /**
     * {@code JobIds}: 26 characters of Crockford's base 32, lower case. The routes take only that alphabet, so
     * {@code /v1/jobs/dispatch} or {@code /v1/jobs/definitions/…} never read as a job id.
     */
    static final String JOB_ID = "^[0-9a-hjkmnp-tv-z]{26}$";
    /** {@code Definitions.NAME}. */
    static final String DEFINITION_NAME = "^[a-z][a-z0-9-]{0,47}$";

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
    @ProblemResponses.Conflict
    JobViews.Definition define(@PathVariable @Schema(pattern = DEFINITION_NAME) String name,
                               @Body @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                                       description = "a job definition (docs/jobs.md)") Map<String, Object> document) {
        Map<String, Object> doc = new java.util.LinkedHashMap<>(document);
        Object given = doc.get("name");
        if (given != null && !name.equals(given)) {
            throw new InvalidInputException("name", "the body names '" + String.valueOf(given).substring(0,
                    Math.min(64, String.valueOf(given).length())) + "' but the path names '" + name + "'");
        }
        doc.put("name", name);
        return JobViews.Definition.of(jobs.define(doc));
    }

    @Get("/definitions")
    @Operation(summary = "Every job definition")
    JobViews.Definitions definitions() {
        return new JobViews.Definitions(jobs.definitions().stream().map(JobViews.Definition::of).toList());
    }

    @Get("/definitions/{name}")
    @Operation(summary = "One job definition (secrets as references)")
    @ProblemResponses.NotFound
    JobViews.Definition definition(@PathVariable String name) {
        return JobViews.Definition.of(jobs.definition(name));
    }

    @Post
    @Operation(summary = "Publish one job ({name, payload, priority, tags, timeout, expires_in, depends_on, max_retries, "
            + "idempotency_key}) or a chain ({jobs: [{ref, ...}, {depends_on: [ref], ...}]}): validated whole, nothing "
            + "stored on any problem; then the dispatcher runs")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    JobViews.PublishAnswer publish(@Body @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
            description = "one job or a chain (docs/jobs.md)") Map<String, Object> document) {
        PublishResult r = jobs.publish(document);
        List<JobViews.Published> published = r.jobs().stream()
                .map(p -> JobViews.Published.of(p.ref(), !p.created(), p.job())).toList();
        return new JobViews.PublishAnswer(published, trigger.afterPublish());
    }

    @Get
    @Operation(summary = "Jobs newest first, by status, minimum priority, tags (all must match) and definition; "
            + "limit 1..500 (default 50), nextToken for the next page")
    JobViews.Jobs list(@Nullable @QueryValue @Schema(pattern = STATUS) String status,
                       @Nullable @QueryValue @Schema(pattern = PRIORITY) String minPriority,
                       @Nullable @QueryValue List<String> tag, @Nullable @QueryValue String definition,
                       @Nullable @QueryValue @Schema(minimum = "1", maximum = "500") Integer limit,
                       @Nullable @QueryValue @Schema(pattern = "^[a-z0-9]{1,64}$") String nextToken) {
        var page = jobs.list(JobQuery.parse(status, minPriority, tag, definition, limit, nextToken));
        return JobViews.Jobs.of(page.jobs(), page.nextPageToken());
    }

    /** A job status as the query reads it (it also takes upper case): blank for all. */
    static final String STATUS = "^\\s*(pending|running|completed|failed|timed[_-]out|cancelled|expired)?\\s*$";
    /** A priority as the query reads it (a name, in any case, or its rank 1..4): blank for all. */
    static final String PRIORITY = "^\\s*(low|normal|high|urgent|LOW|NORMAL|HIGH|URGENT|[1-4])?\\s*$";

    @Get("/ready")
    @Operation(summary = "Jobs that would start next (every dependency completed, not expired), in start order")
    JobViews.Ready ready(@Nullable @QueryValue @Schema(minimum = "1", maximum = "500") Integer limit) {
        return new JobViews.Ready(jobs.ready(JobLimits.page(limit)).stream().map(JobViews.Summary::of).toList());
    }

    @Get("/stats")
    @Operation(summary = "Totals by status and priority, expired, average completion time, p50/p95 wait and run times "
            + "per definition")
    JobViews.Stats stats() {
        return JobViews.Stats.of(jobs.stats());
    }

    @Post("/cleanup")
    @Operation(summary = "Remove expired jobs and finished jobs older than olderThanHours (default 168)")
    JobViews.Cleaned cleanup(@Body @Schema(implementation = CleanupBody.class) Map<String, Object> body) {
        Duration olderThan = JobLimits.cleanupAge(body.get("olderThanHours"));
        var r = jobs.cleanup(olderThan);
        return new JobViews.Cleaned(r.expiredRemoved() + r.finishedRemoved(), r.expiredRemoved(), r.finishedRemoved(),
                olderThan.toHours());
    }

    /** For the OpenAPI document: the body of a cleanup. */
    @Serdeable
    record CleanupBody(@Nullable @Schema(minimum = "1", maximum = "8760", defaultValue = "168") Integer olderThanHours) {}

    @Post("/dispatch")
    @Operation(summary = "Run a dispatch cycle now: in local mode in-process (the report), on AWS by invoking the "
            + "dispatcher Lambda")
    JobViews.Dispatch dispatch() {
        return trigger.afterPublish();
    }

    @Get("/{id:[0-9a-hjkmnp-tv-z]+}")
    @Operation(summary = "One job with its payload and attempts (task, times, exit code, stopped reason, log stream and link)")
    @ProblemResponses.NotFound
    JobViews.Full get(@PathVariable @Schema(pattern = JOB_ID) String id) {
        return JobViews.Full.of(jobs.get(id), this::payload);
    }

    @Post("/{id:[0-9a-hjkmnp-tv-z]+}/cancel")
    @Operation(summary = "Cancel a job: pending at once, running by stopping its task; its dependents are cancelled too")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    JobViews.Cancelled cancel(@PathVariable @Schema(pattern = JOB_ID) String id,
                              @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content =
                                      @io.swagger.v3.oas.annotations.media.Content(schema = @Schema(implementation = CancelBody.class)))
                              @Nullable @Body Map<String, Object> body) {
        Object reason = body == null ? null : body.get("reason");
        if (reason != null && !(reason instanceof String)) {
            throw new InvalidInputException("reason", "must be text");
        }
        Job j = jobs.cancel(id, (String) reason);
        return new JobViews.Cancelled(JobViews.Full.of(j, this::payload));
    }

    /** For the OpenAPI document: the optional body of a cancel. */
    @Serdeable
    record CancelBody(@Nullable String reason) {}

    @Post("/{id:[0-9a-hjkmnp-tv-z]+}/retry")
    @Operation(summary = "Queue a failed, timed-out or cancelled job again with a fresh round of retries")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    JobViews.Retried retry(@PathVariable @Schema(pattern = JOB_ID) String id) {
        jobs.retry(id);
        JobViews.Dispatch dispatch = trigger.afterPublish();
        return new JobViews.Retried(JobViews.Full.of(jobs.get(id), this::payload), dispatch);   // as it is after the dispatch
    }

    @Get("/{id:[0-9a-hjkmnp-tv-z]+}/logs")
    @Operation(summary = "The last lines (1..10000, default 100) of an attempt's log stream (default: the latest attempt)")
    @ProblemResponses.NotFound
    JobViews.Logs logs(@PathVariable @Schema(pattern = JOB_ID) String id, @Nullable @QueryValue Integer attempt,
                       @Nullable @QueryValue @Schema(minimum = "1", maximum = "10000") Integer lines) {
        int n = JobLimits.logLines(lines);
        Job j = jobs.get(id);
        if (j.attempts().isEmpty()) {
            return new JobViews.Logs(id, null, null, null, null, List.of(), "the job has not started yet ("
                    + JobViews.lower(j.status()) + ")");
        }
        Attempt a = attempt == null ? j.attempts().getLast() : j.attempts().stream().filter(x -> x.number() == attempt)
                .findFirst().orElseThrow(() -> new NotFoundException("job " + id + " has no attempt " + attempt
                        + " (it has " + j.attempts().size() + ")"));
        if (a.logStream() == null) {
            return new JobViews.Logs(id, a.number(), logs.logGroup(), null, a.logUrl(), List.of(),
                    "attempt " + a.number() + " has no log stream yet (its task has not started)");
        }
        return new JobViews.Logs(id, a.number(), logs.logGroup(), a.logStream(), a.logUrl(),
                logs.tail(a.logStream(), n).stream().map(e -> new JobViews.Line(e.timestamp().toString(), e.message())).toList(),
                null);
    }

    private Object payload(String canonical) {
        try {
            return json.readValue(canonical, Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
