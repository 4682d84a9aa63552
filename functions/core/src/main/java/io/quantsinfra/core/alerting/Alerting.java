package io.quantsinfra.core.alerting;

import io.quantsinfra.core.delivery.DeliveryManager;
import io.quantsinfra.core.delivery.EndpointStats;
import io.quantsinfra.core.delivery.Sleeper;
import io.quantsinfra.core.dispatch.Dispatcher;
import io.quantsinfra.core.dispatch.NotificationLog;
import io.quantsinfra.core.egress.EgressGuard;
import io.quantsinfra.core.evaluation.Alert;
import io.quantsinfra.core.evaluation.AlertEvaluator;
import io.quantsinfra.core.evaluation.AlertState;
import io.quantsinfra.core.evaluation.AlertStore;
import io.quantsinfra.core.evaluation.Heartbeats;
import io.quantsinfra.core.evaluation.Lease;
import io.quantsinfra.core.metrics.MetricSource;
import io.quantsinfra.core.metrics.SeriesDiscovery;
import io.quantsinfra.core.notify.HttpPost;
import io.quantsinfra.core.notify.Notifiers;
import io.quantsinfra.core.notify.email.EmailNotifier;
import io.quantsinfra.core.notify.email.EmailSender;
import io.quantsinfra.core.notify.pagerduty.PagerDutyNotifier;
import io.quantsinfra.core.notify.slack.SlackNotifier;
import io.quantsinfra.core.notify.telegram.TelegramNotifier;
import io.quantsinfra.core.notify.webhook.WebhookNotifier;
import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.routing.AlertingSecretValues;
import io.quantsinfra.core.routing.Inhibitor;
import io.quantsinfra.core.routing.Integration;
import io.quantsinfra.core.routing.Receiver;
import io.quantsinfra.core.routing.RoutingConfig;
import io.quantsinfra.core.routing.RoutingConfigStore;
import io.quantsinfra.core.routing.RoutingService;
import io.quantsinfra.core.routing.SecretValues;
import io.quantsinfra.core.rule.RuleService;
import io.quantsinfra.core.rule.RuleStore;
import io.quantsinfra.core.silence.Silence;
import io.quantsinfra.core.silence.SilenceService;
import io.quantsinfra.core.silence.SilenceStore;
import io.quantsinfra.core.telemetry.Telemetry;
import io.quantsinfra.core.metrics.PrometheusQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The alerting system over its ports.
 *
 * {@snippet :
 * Alerting alerting = Alerting.create(ports, Alerting.Options.defaults(clock));
 * alerting.rules().apply("default", document, "alice");
 * CycleReport r = alerting.evaluator().run(true);
 * }
 */
public final class Alerting {
    /** Everything outside the domain that alerting uses. */
    public record Ports(RuleStore rules, AlertStore alerts, Lease lease, MetricSource metrics, RoutingConfigStore routing,
                        SilenceStore silences, NotificationLog log, EndpointStats stats, SecretValues secrets,
                        EmailSender email, Heartbeats heartbeats) {}

    /** Knobs, with defaults. */
    public record Options(Clock clock, String externalUrl, Duration discoveryTtl, HttpPost http, Sleeper sleeper,
                          Random random, Consumer<String> logger, Telemetry telemetry, EgressGuard egress,
                          PrometheusQuery prometheus) {
        /** Defaults; a {@code null} external URL means the repository's docs (runbook links are then paths). */
        public static Options defaults(Clock clock, String externalUrl) {
            String url = externalUrl == null || externalUrl.isBlank() ? io.quantsinfra.core.rule.Runbooks.REPOSITORY_DOCS
                    : externalUrl.replaceAll("/+$", "");
            return new Options(clock, url, Duration.ofMinutes(5), HttpPost.create(), Sleeper.REAL, new Random(),
                    s -> { }, Telemetry.NONE, EgressGuard.strict(), PrometheusQuery.NONE);
        }

        public Options withHttp(HttpPost h) {
            return new Options(clock, externalUrl, discoveryTtl, h, sleeper, random, logger, telemetry, egress, prometheus);
        }

        public Options withSleeper(Sleeper s) {
            return new Options(clock, externalUrl, discoveryTtl, http, s, random, logger, telemetry, egress, prometheus);
        }

        public Options withLogger(Consumer<String> l) {
            return new Options(clock, externalUrl, discoveryTtl, http, sleeper, random, l, telemetry, egress, prometheus);
        }

        public Options withDiscoveryTtl(Duration d) {
            return new Options(clock, externalUrl, d, http, sleeper, random, logger, telemetry, egress, prometheus);
        }

        public Options withRandom(Random r) {
            return new Options(clock, externalUrl, discoveryTtl, http, sleeper, r, logger, telemetry, egress, prometheus);
        }

        /**
         * The outbound guard for notification targets, checked when a config is applied and before each send
         * (default {@link EgressGuard#strict()}: public addresses only).
         */
        public Options withEgress(EgressGuard g) {
            return new Options(clock, externalUrl, discoveryTtl, http, sleeper, random, logger, telemetry, g, prometheus);
        }

        /**
         * The monitor's Prometheus, asked for the rules only it can evaluate (default {@link PrometheusQuery#NONE}:
         * such rules report an evaluation error each cycle).
         */
        public Options withPrometheus(PrometheusQuery p) {
            return new Options(clock, externalUrl, discoveryTtl, http, sleeper, random, logger, telemetry, egress, p);
        }

        /** Where evaluation cycles and notifications are reported (default {@link Telemetry#NONE}). */
        public Options withTelemetry(Telemetry t) {
            return new Options(clock, externalUrl, discoveryTtl, http, sleeper, random, logger, t, egress, prometheus);
        }
    }

    private final Ports ports;
    private final Options options;
    private final RuleService rules;
    private final RoutingService routing;
    private final SilenceService silences;
    private final DeliveryManager delivery;
    private final Dispatcher dispatcher;
    private final AlertEvaluator evaluator;

    private Alerting(Ports ports, Options options) {
        this.ports = ports;
        this.options = options;
        this.rules = new RuleService(ports.rules(), options.clock());
        this.routing = new RoutingService(ports.routing(), ports.secrets(), options.egress(), options.clock());
        SecretValues secrets = AlertingSecretValues.of(ports.secrets());
        HttpPost http = options.http().guardedBy(options.egress());
        this.silences = new SilenceService(ports.silences(), options.clock());
        Notifiers notifiers = new Notifiers(List.of(new WebhookNotifier(http, secrets), new SlackNotifier(http, secrets),
                new TelegramNotifier(http, secrets), new PagerDutyNotifier(http, secrets), new EmailNotifier(ports.email())));
        this.delivery = new DeliveryManager(notifiers, ports.stats(), options.sleeper(), options.random(), options.clock());
        this.dispatcher = new Dispatcher(routing, silences, ports.log(), delivery, options.externalUrl(), options.logger(),
                options.telemetry(), options.clock());
        this.evaluator = new AlertEvaluator(rules, ports.alerts(), ports.lease(), ports.metrics(),
                new SeriesDiscovery(ports.metrics(), options.clock(), options.discoveryTtl()),
                new TemplateFailureNotices(dispatcher, options.logger()), ports.heartbeats(),
                options.clock(), options.externalUrl(), options.telemetry(), options.prometheus());
    }

    public static Alerting create(Ports ports, Options options) {
        return new Alerting(ports, options);
    }

    public RuleService rules() {
        return rules;
    }

    public RoutingService routing() {
        return routing;
    }

    public SilenceService silences() {
        return silences;
    }

    public AlertEvaluator evaluator() {
        return evaluator;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public Ports ports() {
        return ports;
    }

    /** Every alert (pending, firing, resolved) with what mutes it, firing first. */
    public List<AlertView> alerts() {
        Instant now = options.clock().instant();
        List<Alert> all = new ArrayList<>(ports.alerts().all());
        all.sort(Comparator.comparing((Alert a) -> a.state().ordinal() == 1 ? 0 : a.state().ordinal() == 0 ? 1 : 2)
                .thenComparing(Alert::alertname).thenComparing(a -> a.labels().toString()));
        List<Silence> silenceList = silences.list();
        Optional<RoutingConfig> config = routing.current();
        List<Labels> firing = all.stream().filter(a -> a.state() == AlertState.FIRING).map(Alert::labels).toList();
        Set<String> inhibited = config.map(c -> Inhibitor.inhibited(c.inhibitRules(), firing, firing)).orElse(Set.of());
        List<AlertView> out = new ArrayList<>();
        for (Alert a : all) {
            boolean isFiring = a.state() == AlertState.FIRING;
            out.add(new AlertView(a.alertname(), a.state().value(), a.labels().map(), a.annotations(),
                    Double.isFinite(a.value()) ? a.value() : null, str(a.activeAt()), str(a.firedAt()),
                    str(a.resolvedAt()), a.file() + "/" + a.group(), a.fingerprint(),
                    isFiring ? silences.mutedBy(silenceList, a.labels(), now) : List.of(),
                    isFiring && inhibited.contains(a.fingerprint())));
        }
        return out;
    }

    /** The receivers' endpoints with their strategy, limits and stats. */
    public List<EndpointView> receivers() {
        Instant now = options.clock().instant();
        Map<String, EndpointStats.Stat> stats = new LinkedHashMap<>();
        ports.stats().all().forEach(s -> stats.put(s.receiver() + "/" + s.endpoint(), s));
        List<EndpointView> out = new ArrayList<>();
        Optional<RoutingConfig> config = routing.current();
        if (config.isEmpty()) {
            return out;
        }
        for (Receiver r : config.get().receivers().values()) {
            for (Integration i : r.integrations()) {
                EndpointStats.Stat s = stats.get(r.name() + "/" + i.name());
                int used = ports.stats().used(r.name(), i.name(), now);
                long attempts = s == null ? 0 : s.attempts();
                String status = attempts == 0 ? "unused" : s.lastOk() ? "active" : "failing";
                if (i.ratePerMinute() > 0 && used >= i.ratePerMinute()) {
                    status = "rate_limited";
                }
                out.add(new EndpointView(r.name(), i.name(), i.type(), r.strategy().value(), i.priority(),
                        i.ratePerMinute(), used, attempts, s == null ? 0 : s.successes(), s == null ? 0 : s.failures(),
                        s == null ? 0 : s.rateLimited(),
                        attempts == 0 ? null : Math.round(s.successRate() * 10000) / 10000.0,
                        attempts == 0 ? null : Math.round(s.averageLatencyMs() * 10) / 10.0, status,
                        s == null || s.lastStatus() == 0 ? null : s.lastStatus(), s == null ? null : s.lastError(),
                        s == null ? null : str(s.lastAt())));
            }
        }
        return out;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
