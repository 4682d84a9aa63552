package io.quantsinfra.api.monitor;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.quantsinfra.core.monitor.ScrapeTargetService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;

/** The monitor's scrape targets (seed 000's add_scrape_target) and its rendered Prometheus configuration. */
@Controller("/v1/services/monitor")
@Tag(name = "monitor")
final class MonitorController {
    private final ScrapeTargetService scrapeTargets;

    MonitorController(ScrapeTargetService scrapeTargets) {
        this.scrapeTargets = scrapeTargets;
    }

    @Post("/scrape-targets")
    @Operation(summary = "Add or replace a scrape target {job_name, targets: [host:port], labels}; the monitor picks it up")
    Map<String, Object> add(@Body Map<String, Object> target) {
        ScrapeTargetService.Added added = scrapeTargets.add(target);
        return Map.of("target", added.target().toDocument(), "published", added.published());
    }

    @Get("/scrape-targets")
    @Operation(summary = "Every scrape target")
    Map<String, Object> list() {
        return Map.of("targets", scrapeTargets.all().stream().map(t -> t.toDocument()).toList());
    }

    @Delete("/scrape-targets/{job}")
    @Operation(summary = "Remove a scrape target by job name")
    Map<String, Object> remove(@PathVariable String job) {
        return Map.of("removed", job, "published", scrapeTargets.remove(job));
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
    record ScrapeTargetBody(String job_name, List<String> targets, Map<String, String> labels) {}
}
