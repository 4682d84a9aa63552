package io.quantsinfra.api.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.routing.RouteTest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code amtool config routes test|show} over the applied routing config or one given in the request. */
@Controller("/v1/alerts/config/routes")
@Tag(name = "alerts")
final class RoutesController {
    private final Alerting alerting;

    RoutesController(Alerting alerting) {
        this.alerting = alerting;
    }

    @Post("/test")
    @Operation(summary = "The receivers a label set reaches, as amtool config routes test: body {labels: {name: value} or "
            + "[\"name=value\"], config?: routing config (else the applied one), verifyReceivers?: [names], tree?: bool}")
    Map<String, Object> test(@Body Map<String, Object> body) {
        RouteTest.Result r = alerting.routing().testRoutes(document(body.get("config")), body.get("labels"),
                names(body.get("verifyReceivers")), Boolean.TRUE.equals(body.get("tree")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("labels", r.labels().map());
        out.put("receivers", r.receivers());
        out.put("expected", r.expected());
        out.put("verified", r.verified());
        out.put("tree", r.tree());
        out.put("output", r.output());
        return out;
    }

    @Get
    @Operation(summary = "The applied routing tree, as amtool config routes show prints it")
    Map<String, Object> show() {
        return Map.of("output", alerting.routing().showRoutes(null));
    }

    @Post("/show")
    @Operation(summary = "The routing tree of the config in the body ({config: ...}), validated as apply validates it")
    Map<String, Object> showGiven(@Body Map<String, Object> body) {
        Map<String, Object> doc = document(body.get("config"));
        if (doc == null) {
            throw new InvalidInputException("config", "is required: the routing config to show");
        }
        return Map.of("output", alerting.routing().showRoutes(doc));
    }

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
