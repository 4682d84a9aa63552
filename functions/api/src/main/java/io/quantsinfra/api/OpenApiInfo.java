package io.quantsinfra.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Title and version of the generated OpenAPI document. */
@OpenAPIDefinition(info = @Info(title = "quants-infra deployer API", version = "0.1.0",
        description = "Deploy and operate Freqtrade bots, market-data collectors and a Prometheus/Grafana/Alertmanager "
                + "monitor on ECS Fargate. Errors are application/problem+json."))
final class OpenApiInfo {
    private OpenApiInfo() {}
}
