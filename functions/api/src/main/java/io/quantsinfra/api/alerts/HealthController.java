package io.quantsinfra.api.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.quantsinfra.api.problem.ProblemResponses;
import io.quantsinfra.core.selfcheck.ControlPlaneHealth;
import io.quantsinfra.core.selfcheck.ControlPlaneReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * The control plane's own health: 200 when healthy or degraded, 503 when unhealthy, with per-check detail. A failing
 * dependency is reported in the body, never as a 502/504; only local mode's guard answers anything else (403).
 */
@Controller("/health")
@Tag(name = "health")
@ProblemResponses.Forbidden
final class HealthController {
    private final ControlPlaneHealth health;

    HealthController(ControlPlaneHealth health) {
        this.health = health;
    }

    @Get
    @Operation(summary = "healthy / degraded / unhealthy: DynamoDB, ECS, Secrets Manager, CloudWatch reachable; age of the last evaluation and probe")
    @ApiResponse(responseCode = "200", description = "healthy or degraded",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Report.class)))
    @ApiResponse(responseCode = "503", description = "unhealthy: a critical dependency (the state table) failed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Report.class)))
    HttpResponse<Report> health() {
        ControlPlaneReport r = health.report();
        Report body = Report.of(r);
        return r.status() == ControlPlaneReport.Status.UNHEALTHY ? HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(body)
                : HttpResponse.ok(body);
    }

    /** The health document. */
    @Serdeable
    record Report(@Schema(allowableValues = {"healthy", "degraded", "unhealthy"}) String status,
                  @Schema(format = "date-time") String at, List<Check> checks) {
        static Report of(ControlPlaneReport r) {
            return new Report(r.status().value(), r.at().toString(), r.checks().stream().map(Check::of).toList());
        }
    }

    /** A dependency check ({@code latencyMs}) or a schedule's heartbeat ({@code lastRun}, {@code ageSeconds}). */
    @Serdeable
    record Check(@Schema(example = "dynamodb") String name,
                 @Schema(allowableValues = {"ok", "failed", "stale"}) String status,
                 @Nullable String detail,
                 @Nullable Long latencyMs,
                 @Nullable @Schema(format = "date-time") String lastRun,
                 @Nullable Long ageSeconds) {
        static Check of(ControlPlaneReport.Check c) {
            return new Check(c.name(), c.status().value(), c.detail(), c.latencyMs(),
                    c.lastRun() == null ? null : c.lastRun().toString(), c.ageSeconds());
        }
    }
}
