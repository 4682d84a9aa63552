package io.quantsinfra.api.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.quantsinfra.api.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.routing.RouteTest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;

/** {@code amtool config routes test|show} over the applied routing config or one given in the request. */
@Controller("/v1/alerts/config/routes")
@Tag(name = "alerts")
@ProblemResponses.Common
final class RoutesController {
    private final Alerting alerting;

    RoutesController(Alerting alerting) {
        this.alerting = alerting;
    }

    @Post("/test")
    @Operation(summary = "The receivers a label set reaches, as amtool config routes test: body {labels: {name: value} or "
            + "[\"name=value\"], config?: routing config (else the applied one), verifyReceivers?: [names], tree?: bool}")
    @ProblemResponses.NotFound
    Tested test(@Body @Schema(implementation = TestBody.class) Map<String, Object> body) {
        RouteTest.Result r = alerting.routing().testRoutes(document(body.get("config")), body.get("labels"),
                names(body.get("verifyReceivers")), Boolean.TRUE.equals(body.get("tree")));
        return new Tested(r.labels().map(), r.receivers(), r.expected(), r.verified(), r.tree(), r.output());
    }

    @Get
    @Operation(summary = "The applied routing tree, as amtool config routes show prints it")
    @ProblemResponses.NotFound
    Shown show() {
        return new Shown(alerting.routing().showRoutes(null));
    }

    @Post("/show")
    @Operation(summary = "The routing tree of the config in the body ({config: ...}), validated as apply validates it")
    Shown showGiven(@Body @Schema(implementation = ShowBody.class) Map<String, Object> body) {
        Map<String, Object> doc = document(body.get("config"));
        if (doc == null) {
            throw new InvalidInputException("config", "is required: the routing config to show");
        }
        return new Shown(alerting.routing().showRoutes(doc));
    }

    /** For the OpenAPI document: the body of a routes test. */
    @Serdeable
    record TestBody(@Schema(description = "the label set: {name: value} or [\"name=value\"]",
                            oneOf = {LabelMap.class, LabelList.class}) Object labels,
                    @Nullable Documents.RoutingConfig config, @Nullable List<String> verifyReceivers,
                    @Nullable Boolean tree) {}

    /** Labels as an object. */
    @Schema(name = "LabelMap", type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    interface LabelMap {}

    /** Labels as name=value strings. */
    @ArraySchema(schema = @Schema(type = "string", example = "alertname=HighCpu"))
    @Schema(name = "LabelList")
    interface LabelList {}

    /** For the OpenAPI document: the body of a routes show. */
    @Serdeable
    record ShowBody(Documents.RoutingConfig config) {}

    /** What a routes test found; {@code output} is what amtool prints. */
    @Serdeable
    record Tested(Map<String, String> labels, List<String> receivers, List<String> expected, boolean verified,
                  @Nullable String tree, String output) {}

    /** The routing tree as amtool prints it. */
    @Serdeable
    record Shown(String output) {}

    @SuppressWarnings("unchecked")
    private static @Nullable Map<String, Object> document(Object config) {
        if (config != null && !(config instanceof Map<?, ?>)) {
            throw new InvalidInputException("config", "must be a routing config object");
        }
        return (Map<String, Object>) config;
    }

    private static List<String> names(Object v) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l) || !l.stream().allMatch(x -> x instanceof String)) {
            throw new InvalidInputException("verifyReceivers", "must be a list of receiver names");
        }
        return l.stream().map(String.class::cast).toList();
    }
}
