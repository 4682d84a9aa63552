package io.quantsinfra.api.alerts;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.quantsinfra.core.selfcheck.ControlPlaneHealth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

/** The control plane's own health: 200 when healthy or degraded, 503 when unhealthy, with per-check detail. */
@Controller("/health")
@Tag(name = "health")
final class HealthController {
    private final ControlPlaneHealth health;

    HealthController(ControlPlaneHealth health) {
        this.health = health;
    }

    @Get
    @Operation(summary = "healthy / degraded / unhealthy: DynamoDB, ECS, Secrets Manager, CloudWatch reachable; age of the last evaluation and probe")
    HttpResponse<Map<String, Object>> health() {
        Map<String, Object> r = health.report();
        return "unhealthy".equals(r.get("status")) ? HttpResponse.status(io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE).body(r)
                : HttpResponse.ok(r);
    }
}
