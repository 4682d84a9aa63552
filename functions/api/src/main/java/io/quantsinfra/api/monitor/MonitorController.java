package io.quantsinfra.api.monitor;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.quantsinfra.api.problem.ProblemResponses;
import io.quantsinfra.core.monitor.ScrapeTarget;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.quantsinfra.core.monitor.ScrapeTargetService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;

/** The monitor's scrape targets (seed 000's add_scrape_target) and its rendered Prometheus configuration. */
@Controller("/v1/services/monitor")
@Tag(name = "monitor")
@ProblemResponses.Common
final class MonitorController {
    private final ScrapeTargetService scrapeTargets;

    MonitorController(ScrapeTargetService scrapeTargets) {
        this.scrapeTargets = scrapeTargets;
    }

    @Post("/scrape-targets")
    @Operation(summary = "Add or replace a scrape target {job_name, targets: [host:port], labels}; the monitor picks it up")
    @ProblemResponses.Conflict
    Added add(@Body @Schema(implementation = ScrapeTargetBody.class) Map<String, Object> target) {
        ScrapeTargetService.Added added = scrapeTargets.add(target);
        return new Added(Target.of(added.target()), added.published());
    }

    @Get("/scrape-targets")
    @Operation(summary = "Every scrape target")
    Targets list() {
        return new Targets(scrapeTargets.all().stream().map(Target::of).toList());
    }

    @Delete("/scrape-targets/{job}")
    @Operation(summary = "Remove a scrape target by job name")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    Removed remove(@PathVariable String job) {
        return new Removed(job, scrapeTargets.remove(job));
    }

    @Get("/prometheus-config")
    @Operation(summary = "The rendered prometheus.yml and file_sd target files the monitor runs with")
    PrometheusFiles config() {
        return new PrometheusFiles(scrapeTargets.rendered());
    }

    /** Rendered files by path relative to the monitor's config directory. */
    @Serdeable
    record PrometheusFiles(Map<String, String> files) {}

    /** For the OpenAPI document: the body of a scrape target. */
    @Serdeable
    @Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record ScrapeTargetBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = JOB, example = "data-collector")
                            String job_name,
                            @ArraySchema(minItems = 1, maxItems = 1000, uniqueItems = true, schema = @Schema(pattern = HOST_PORT,
                                    maxLength = 300, example = "10.42.1.10:9090")) List<String> targets,
                            @Nullable @Schema(maxProperties = 64, description = "label names: a letter or _ then letters, "
                                    + "digits or _, not __… and not job; values at most 1024 characters")
                            Map<String, String> labels) {}

    /** {@code ScrapeTarget}'s job name: not {@code prometheus}, the monitor's own job. */
    static final String JOB = "^(?!prometheus$)[a-zA-Z_][a-zA-Z0-9_-]{0,63}$";
    /** {@code TargetAddress}: a host name or IPv4 address and a port 1..65535 ({@code [IPv6]:port} is accepted too). */
    static final String HOST_PORT = "^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
            + "):([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$";

    /** A scrape target as stored. */
    @Serdeable
    record Target(String job_name, List<String> targets, Map<String, String> labels) {
        static Target of(ScrapeTarget t) {
            return new Target(t.jobName(), t.targets(), t.labels());
        }
    }

    /** The target added and the files published for the monitor. */
    @Serdeable
    record Added(Target target, List<String> published) {}

    /** Every scrape target. */
    @Serdeable
    record Targets(List<Target> targets) {}

    /** The job removed and the files published for the monitor. */
    @Serdeable
    record Removed(String removed, List<String> published) {}
}
