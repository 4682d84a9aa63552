package io.quantsinfra.api.alerts;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.quantsinfra.api.Actors;
import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.dispatch.NotificationLog;
import io.quantsinfra.core.routing.RoutingService;
import io.quantsinfra.core.routing.StoredRoutingConfig;
import io.quantsinfra.core.rule.RuleService;
import io.quantsinfra.core.rule.StoredRuleFile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rule files, routing config, evaluate-now, the alert list and the receivers. */
@Controller("/v1/alerts")
@Tag(name = "alerts")
final class AlertsController {
    private final Alerting alerting;
    private final EvaluateDeadline deadline;
    private final Clock clock;

    AlertsController(Alerting alerting, EvaluateDeadline deadline, Clock clock) {
        this.alerting = alerting;
        this.deadline = deadline;
        this.clock = clock;
    }

    @Put("/rules/{name}")
    @Operation(summary = "Apply a Prometheus rule file (as JSON): validated whole before anything is stored; a change makes a new version")
    Map<String, Object> applyRules(@PathVariable String name, @Body Map<String, Object> document, HttpRequest<?> request) {
        RuleService.Applied a = alerting.rules().apply(name, document, Actors.of(request));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", a.name());
        out.put("version", a.version());
        out.put("groups", a.groups());
        out.put("rules", a.rules());
        out.put("unchanged", a.unchanged());
        out.put("warnings", a.warnings());
        return out;
    }

    @Get("/rules")
    @Operation(summary = "Every rule file: name, version, groups, rules, alerts, last change")
    Map<String, Object> listRules() {
        return Map.of("files", alerting.rules().list().stream().map(AlertsController::summary).toList());
    }

    @Get("/rules/{name}")
    @Operation(summary = "One rule file: its document as applied, version and last change")
    Map<String, Object> getRules(@PathVariable String name) {
        StoredRuleFile f = alerting.rules().get(name);
        Map<String, Object> out = summary(alerting.rules().summary(f));
        out.put("document", f.document());
        return out;
    }

    @Delete("/rules/{name}")
    @Operation(summary = "Delete a rule file; its firing alerts resolve at the next evaluation")
    Map<String, Object> deleteRules(@PathVariable String name) {
        alerting.rules().delete(name);
        return Map.of("deleted", name);
    }

    @Put("/config")
    @Operation(summary = "Apply the Alertmanager-shaped routing config (as JSON): validated, secret references checked, versioned")
    Map<String, Object> applyConfig(@Body Map<String, Object> document, HttpRequest<?> request) {
        RoutingService.Applied a = alerting.routing().apply(document, Actors.of(request));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", a.version());
        out.put("unchanged", a.unchanged());
        out.put("receivers", a.receivers());
        out.put("warnings", a.warnings());
        return out;
    }

    @Get("/config")
    @Operation(summary = "The routing config as applied (secrets appear only as references)")
    Map<String, Object> getConfig() {
        StoredRoutingConfig c = alerting.routing().stored();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", c.version());
        out.put("updatedAt", c.updatedAt().toString());
        out.put("updatedBy", c.updatedBy());
        out.put("document", c.document());
        return out;
    }

    @Post("/evaluate")
    @Operation(summary = "Run one evaluation cycle now, every group, and notify what is due before the call's deadline "
            + "(25 s); what does not fit is listed under notifications.left and taken over by the next cycle")
    Map<String, Object> evaluate() {
        return alerting.evaluator().run(true, clock.instant().plus(deadline.budget())).toDocument();
    }

    @Get
    @Operation(summary = "Every alert (firing, pending, resolved) with labels, annotations, value, times, silences and inhibition")
    Map<String, Object> alerts() {
        return Map.of("alerts", alerting.alerts());
    }

    @Get("/receivers")
    @Operation(summary = "Each receiver endpoint: type, strategy, priority, rate limit, success rate, latency, status; and the latest notifications")
    Map<String, Object> receivers() {
        List<Map<String, Object>> recent = alerting.ports().log().recent(20).stream().map(AlertsController::entry).toList();
        return Map.of("endpoints", alerting.receivers(), "recent", recent);
    }

    private static Map<String, Object> summary(RuleService.Summary s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("version", s.version());
        out.put("groups", s.groups());
        out.put("rules", s.rules());
        out.put("alerts", s.alerts());
        out.put("byPrometheus", s.byPrometheus());
        out.put("updatedAt", s.updatedAt());
        out.put("updatedBy", s.updatedBy());
        return out;
    }

    private static Map<String, Object> entry(NotificationLog.Entry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("receiver", e.receiver());
        out.put("group", e.groupKey());
        out.put("seq", e.seq());
        out.put("status", e.status());
        out.put("at", e.at().toString());
        out.put("detail", e.detail());
        return out;
    }
}
