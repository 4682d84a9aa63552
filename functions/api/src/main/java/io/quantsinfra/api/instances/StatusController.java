package io.quantsinfra.api.instances;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import io.quantsinfra.core.health.HealthReport;
import io.quantsinfra.core.status.InstanceStatus;
import io.quantsinfra.core.status.StatusService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;

/** Status of all instances and health of one (seed 000's health_check). */
@Controller("/v1")
@Tag(name = "instances")
@SerdeImport(InstanceStatus.class)
final class StatusController {
    private final StatusService status;

    StatusController(StatusService status) {
        this.status = status;
    }

    @Get("/status")
    @Operation(summary = "Every instance (or one service's) with health, desired/running counts and rollout state")
    StatusView status(@Nullable @QueryValue String service) {
        return new StatusView(status.status(service));
    }

    @Get("/instances/{instance}/health")
    @Operation(summary = "Health of one instance: status healthy|degraded|unhealthy|unknown, metrics, message")
    HealthView health(@PathVariable String instance) {
        HealthReport r = status.health(instance);
        return new HealthView(instance, r.status().value(), r.metrics(), r.message());
    }

    /** The status document. */
    @Serdeable
    record StatusView(List<InstanceStatus> instances) {}

    /** Seed 000's health dict, with the instance it is about. */
    @Serdeable
    record HealthView(String instance, String status, Map<String, Object> metrics, String message) {}
}
