package io.quantsinfra.api.alerts;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.quantsinfra.api.problem.ProblemResponses;
import io.quantsinfra.core.alerting.AlertView;
import io.quantsinfra.core.alerting.EndpointView;
import io.quantsinfra.core.evaluation.CycleReport;
import io.swagger.v3.oas.annotations.media.Schema;
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
import java.util.List;
import java.util.Map;

/** Rule files, routing config, evaluate-now, the alert list and the receivers. */
@Controller("/v1/alerts")
@Tag(name = "alerts")
@ProblemResponses.Common
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
    @ProblemResponses.Conflict
    RulesApplied applyRules(@PathVariable @Schema(pattern = Documents.RULE_FILE_NAME, maxLength = 64) String name,
                            @Body @Schema(implementation = Documents.RuleFile.class) Map<String, Object> document,
                            HttpRequest<?> request) {
        RuleService.Applied a = alerting.rules().apply(name, document, Actors.of(request));
        return new RulesApplied(a.name(), a.version(), a.groups(), a.rules(), a.unchanged(), a.warnings());
    }

    @Get("/rules")
    @Operation(summary = "Every rule file: name, version, groups, rules, alerts, last change")
    RuleFiles listRules() {
        return new RuleFiles(alerting.rules().list().stream().map(AlertsController::summary).toList());
    }

    @Get("/rules/{name}")
    @Operation(summary = "One rule file: its document as applied, version and last change")
    @ProblemResponses.NotFound
    RuleFile getRules(@PathVariable @Schema(pattern = Documents.RULE_FILE_NAME, maxLength = 64) String name) {
        StoredRuleFile f = alerting.rules().get(name);
        RuleService.Summary s = alerting.rules().summary(f);
        return new RuleFile(s.name(), s.version(), s.groups(), s.rules(), s.alerts(), s.byPrometheus(), s.updatedAt(),
                s.updatedBy(), f.document());
    }

    @Delete("/rules/{name}")
    @Operation(summary = "Delete a rule file; its firing alerts resolve at the next evaluation")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    Deleted deleteRules(@PathVariable @Schema(pattern = Documents.RULE_FILE_NAME, maxLength = 64) String name) {
        alerting.rules().delete(name);
        return new Deleted(name);
    }

    @Put("/config")
    @Operation(summary = "Apply the Alertmanager-shaped routing config (as JSON): validated, secret references checked, versioned")
    @ProblemResponses.Conflict
    ConfigApplied applyConfig(@Body @Schema(implementation = Documents.RoutingConfig.class) Map<String, Object> document,
                              HttpRequest<?> request) {
        RoutingService.Applied a = alerting.routing().apply(document, Actors.of(request));
        return new ConfigApplied(a.version(), a.unchanged(), a.receivers(), a.warnings());
    }

    @Get("/config")
    @Operation(summary = "The routing config as applied (secrets appear only as references)")
    @ProblemResponses.NotFound
    StoredConfig getConfig() {
        StoredRoutingConfig c = alerting.routing().stored();
        return new StoredConfig(c.version(), c.updatedAt().toString(), c.updatedBy(), c.document());
    }

    @Post("/evaluate")
    @Operation(summary = "Run one evaluation cycle now, every group, and notify what is due before the call's deadline "
            + "(25 s); what does not fit is listed under notifications.left and taken over by the next cycle")
    Cycle evaluate() {
        return Cycle.of(alerting.evaluator().run(true, clock.instant().plus(deadline.budget())));
    }

    @Get
    @Operation(summary = "Every alert (firing, pending, resolved) with labels, annotations, value, times, silences and inhibition")
    Alerts alerts() {
        return new Alerts(alerting.alerts().stream().map(AlertDoc::of).toList());
    }

    @Get("/receivers")
    @Operation(summary = "Each receiver endpoint: type, strategy, priority, rate limit, success rate, latency, status; and the latest notifications")
    Receivers receivers() {
        List<Sent> recent = alerting.ports().log().recent(20).stream().map(Sent::of).toList();
        return new Receivers(alerting.receivers().stream().map(EndpointDoc::of).toList(), recent);
    }

    private static RuleFileSummary summary(RuleService.Summary s) {
        return new RuleFileSummary(s.name(), s.version(), s.groups(), s.rules(), s.alerts(), s.byPrometheus(),
                s.updatedAt(), s.updatedBy());
    }

    /** What applying a rule file did. */
    @Serdeable
    record RulesApplied(String name, long version, int groups, int rules, boolean unchanged, List<String> warnings) {}

    /** One rule file in the listing. */
    @Serdeable
    record RuleFileSummary(String name, long version, int groups, int rules, List<String> alerts,
                           List<String> byPrometheus, @Schema(format = "date-time") String updatedAt, String updatedBy) {}

    /** The rule files. */
    @Serdeable
    record RuleFiles(List<RuleFileSummary> files) {}

    /** One rule file with its document as applied. */
    @Serdeable
    record RuleFile(String name, long version, int groups, int rules, List<String> alerts, List<String> byPrometheus,
                    @Schema(format = "date-time") String updatedAt, String updatedBy,
                    @Schema(implementation = Documents.RuleFile.class) Map<String, Object> document) {}

    /** What a delete removed. */
    @Serdeable
    record Deleted(String deleted) {}

    /** What applying a routing config did. */
    @Serdeable
    record ConfigApplied(long version, boolean unchanged, List<String> receivers, List<String> warnings) {}

    /** The applied routing config. */
    @Serdeable
    record StoredConfig(long version, @Schema(format = "date-time") String updatedAt, String updatedBy,
                        @Schema(implementation = Documents.RoutingConfig.class) Map<String, Object> document) {}

    /** The alerts, firing first. */
    @Serdeable
    record Alerts(List<AlertDoc> alerts) {}

    /** The receivers' endpoints and the latest notifications. */
    @Serdeable
    record Receivers(List<EndpointDoc> endpoints, List<Sent> recent) {}

    /** One notification in the log. */
    @Serdeable
    record Sent(String receiver, String group, long seq, String status, @Schema(format = "date-time") String at,
                @Nullable String detail) {
        static Sent of(NotificationLog.Entry e) {
            return new Sent(e.receiver(), e.groupKey(), e.seq(), e.status(), e.at().toString(), e.detail());
        }
    }

    /** What one evaluation cycle did; {@code skipped} says why nothing was evaluated, else {@code null}. */
    @Serdeable
    record Cycle(@Schema(format = "date-time") String at, @Nullable String skipped, int groups, int rules, int series,
                 int getMetricDataRequests, int listMetricsCalls, int prometheusQueries, int firing, int pending,
                 int resolved, List<String> transitions, int conflicts, Notifications notifications,
                 List<String> errors, long millis, @Nullable @Schema(format = "date-time") String deadline) {
        static Cycle of(CycleReport r) {
            var d = r.delivery();
            return new Cycle(r.at().toString(), r.skipped(), r.groups(), r.rules(), r.series(), r.getMetricDataRequests(),
                    r.listMetricsCalls(), r.prometheusQueries(), r.firing(), r.pending(), r.resolved(),
                    r.listedTransitions(), r.conflicts(),
                    new Notifications(d.sent(), d.failed(), d.muted(), d.notices(), d.errors(), d.left()), r.errors(),
                    r.millis(), r.deadline() == null ? null : r.deadline().toString());
        }
    }

    /** What a cycle sent, and what it left for the next one. */
    @Serdeable
    record Notifications(int sent, int failed, int muted, List<String> notices, List<String> errors, List<String> left) {}

    /** One alert; times are {@code null} until reached, {@code value} when not finite. */
    @Serdeable
    record AlertDoc(String alertname, @Schema(allowableValues = {"pending", "firing", "resolved"}) String state,
                    Map<String, String> labels, Map<String, String> annotations, @Nullable Double value,
                    @Nullable @Schema(format = "date-time") String activeAt,
                    @Nullable @Schema(format = "date-time") String firedAt,
                    @Nullable @Schema(format = "date-time") String resolvedAt, String rule, String fingerprint,
                    List<String> silencedBy, boolean inhibited) {
        static AlertDoc of(AlertView a) {
            return new AlertDoc(a.alertname(), a.state(), a.labels(), a.annotations(), a.value(), a.activeAt(),
                    a.firedAt(), a.resolvedAt(), a.rule(), a.fingerprint(), a.silencedBy(), a.inhibited());
        }
    }

    /** One receiver endpoint; rates and the last answer are {@code null} before the first attempt. */
    @Serdeable
    record EndpointDoc(String receiver, String endpoint, String type, String strategy, int priority,
                       int rateLimitPerMinute, int usedThisMinute, long attempts, long successes, long failures,
                       long rateLimited, @Nullable Double successRate, @Nullable Double averageLatencyMs,
                       @Schema(allowableValues = {"unused", "active", "failing", "rate_limited"}) String status,
                       @Nullable Integer lastStatus, @Nullable String lastError,
                       @Nullable @Schema(format = "date-time") String lastAt) {
        static EndpointDoc of(EndpointView e) {
            return new EndpointDoc(e.receiver(), e.endpoint(), e.type(), e.strategy(), e.priority(),
                    e.rateLimitPerMinute(), e.usedThisMinute(), e.attempts(), e.successes(), e.failures(),
                    e.rateLimited(), e.successRate(), e.averageLatencyMs(), e.status(), e.lastStatus(), e.lastError(),
                    e.lastAt());
        }
    }
}
