package io.quantsinfra.api.instances;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.quantsinfra.api.ApiPatterns;
import io.quantsinfra.api.problem.ProblemResponses;
import io.quantsinfra.core.health.HealthReport;
import io.swagger.v3.oas.annotations.media.Schema;
import io.quantsinfra.core.status.InstanceStatus;
import io.quantsinfra.core.status.StatusService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;

/** Status of all instances and health of one (seed 000's health_check). */
@Controller("/v1")
@Tag(name = "instances")
@ProblemResponses.Common
@ProblemResponses.NotFound
final class StatusController {
    private final StatusService status;

    StatusController(StatusService status) {
        this.status = status;
    }

    @Get("/status")
    @Operation(summary = "Every instance (or one service's) with health, desired/running counts and rollout state")
    StatusView status(@Nullable @QueryValue String service) {
        return new StatusView(status.status(service).stream().map(InstanceView::of).toList());
    }

    @Get("/instances/{instance}/health")
    @Operation(summary = "Health of one instance: status healthy|degraded|unhealthy|unknown, metrics, message")
    HealthView health(@PathVariable @Schema(pattern = ApiPatterns.INSTANCE) String instance) {
        HealthReport r = status.health(instance);
        return new HealthView(instance, r.status().value(), r.metrics(), r.message());
    }

    /** The status document. */
    @Serdeable
    record StatusView(List<InstanceView> instances) {}

    /** One instance: health, desired/running/pending tasks, the task definition, where it runs, the rollout. */
    @Serdeable
    record InstanceView(String instance, String service,
                        @Schema(allowableValues = {"healthy", "degraded", "unhealthy", "unknown"}) String health,
                        int desired, int running, int pending, @Nullable String taskDefinition, int revision,
                        @Nullable String host, @Nullable String rollout, @Nullable String rolloutReason,
                        @Nullable String message) {
        static InstanceView of(InstanceStatus s) {
            return new InstanceView(s.instance(), s.service(), s.health(), s.desired(), s.running(), s.pending(),
                    s.taskDefinition(), s.revision(), s.host(), s.rollout(), s.rolloutReason(), s.message());
        }
    }

    /** Seed 000's health dict, with the instance it is about. */
    @Serdeable
    record HealthView(String instance, @Schema(allowableValues = {"healthy", "degraded", "unhealthy", "unknown"}) String status,
                      @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                              description = "what the health rules read: ECS counts, probe answer, latency")
                      Map<String, Object> metrics, @Nullable String message) {}
}
