package io.quantsinfra.core.evaluation;

import io.quantsinfra.core.promql.Evaluator;
import io.quantsinfra.core.promql.Expr;
import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.promql.Ops;
import io.quantsinfra.core.promql.Sample;
import io.quantsinfra.core.promql.SeriesData;
import io.quantsinfra.core.promql.SeriesLookup;
import io.quantsinfra.core.rule.AlertRule;
import io.quantsinfra.core.rule.MissingData;
import io.quantsinfra.core.rule.RuleFiles;
import io.quantsinfra.core.rule.Runbooks;
import io.quantsinfra.core.template.GoTemplate;
import io.quantsinfra.core.template.TemplateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one rule at one instant against its previous alerts: which label sets breach (M of the last N
 * minutes, missing data as the rule says), then the state machine per label set. Pure.
 *
 * <p>States follow Prometheus: a new breach is pending, or firing at once when {@code for} is 0; pending
 * fires once it has held for {@code for}; pending that stops breaching is dropped; firing that stops breaching
 * resolves, unless {@code keep_firing_for} keeps it firing that long after the last breach; resolved alerts
 * are kept {@link #RESOLVED_RETENTION} so their resolution can be notified.
 */
public final class RuleEvaluator {
    /** How long a resolved alert is kept. */
    public static final Duration RESOLVED_RETENTION = Duration.ofMinutes(15);

    private RuleEvaluator() {}

    /** The result for one rule: alerts to store, alerts to remove, and every alert of the rule now. */
    public record Outcome(List<Alert> changed, List<Alert> removed, List<Alert> current, String error) {}

    private record Observation(boolean breaching, boolean keep, double value, Labels series) {}

    public static Outcome evaluate(AlertRule rule, int limit, SeriesLookup data, Instant t, List<Alert> previous,
                                   String externalUrl) {
        Map<Labels, Observation> observed;
        try {
            observed = RuleFiles.singleSeries(rule.expr()) ? singleSeries(rule, data, t) : generic(rule, data, t);
        } catch (Evaluator.EvaluationException e) {
            return failed(rule, previous, e.getMessage());
        }
        return apply(rule, limit, observed, t, previous, externalUrl);
    }

    /**
     * Evaluates a rule the monitor's Prometheus answered: every sample of {@code vector} (what the whole expression
     * gave at the cycle's instant) breaches, as in Prometheus' own alerting rules; then the same state machine.
     */
    public static Outcome evaluateAnswered(AlertRule rule, int limit, List<Sample> vector, Instant t, List<Alert> previous,
                                           String externalUrl) {
        Map<Labels, Observation> observed = new LinkedHashMap<>();
        for (Sample s : vector) {
            observed.putIfAbsent(s.labels(), new Observation(true, false, s.value(), s.labels()));
        }
        return apply(rule, limit, observed, t, previous, externalUrl);
    }

    /** The rule could not be evaluated: its alerts keep their state, the error names the rule. */
    public static Outcome failed(AlertRule rule, List<Alert> previous, String error) {
        return new Outcome(List.of(), List.of(), previous, rule.qualifiedName() + ": " + error);
    }

    private static Outcome apply(AlertRule rule, int limit, Map<Labels, Observation> observed, Instant t,
                                 List<Alert> previous, String externalUrl) {
        Map<String, Alert> before = new LinkedHashMap<>();
        previous.forEach(a -> before.put(a.fingerprint(), a));
        List<Alert> changed = new ArrayList<>();
        List<Alert> removed = new ArrayList<>();
        List<Alert> current = new ArrayList<>();
        Map<String, Alert> seen = new HashMap<>();
        for (Observation o : observed.values()) {
            Labels alertLabels = alertLabels(rule, o, externalUrl);
            String fp = alertLabels.fingerprint();
            if (seen.containsKey(fp)) {
                continue;
            }
            Alert prev = before.get(fp);
            if (o.keep()) {
                if (prev != null) {
                    seen.put(fp, prev);
                    current.add(prev);
                }
                continue;
            }
            Alert next = o.breaching()
                    ? breaching(rule, prev, alertLabels, annotations(rule, o, externalUrl), o.value(), t)
                    : notBreaching(rule, prev, t);
            seen.put(fp, next);
            record(prev, next, changed, removed, current);
        }
        for (Alert prev : before.values()) {
            if (!seen.containsKey(prev.fingerprint())) {
                record(prev, notBreaching(rule, prev, t), changed, removed, current);
            }
        }
        long active = current.stream().filter(a -> a.state() != AlertState.RESOLVED).count();
        if (limit > 0 && active > limit) {
            return new Outcome(List.of(), List.of(), previous, rule.qualifiedName() + ": " + active
                    + " alerts exceed the group's limit of " + limit + "; nothing changed");
        }
        return new Outcome(changed, removed, current, null);
    }

    private static void record(Alert prev, Alert next, List<Alert> changed, List<Alert> removed, List<Alert> current) {
        if (next == null) {
            if (prev != null) {
                removed.add(prev);
            }
            return;
        }
        current.add(next);
        if (prev == null || next.version() != prev.version()) {
            changed.add(next);
        }
    }

    /** The state after a breach. */
    static Alert breaching(AlertRule rule, Alert prev, Labels labels, Map<String, String> annotations, double value, Instant t) {
        Duration forD = rule.forDuration();
        if (prev == null || prev.state() == AlertState.RESOLVED) {
            long version = prev == null ? 0 : prev.version();
            AlertState s = forD.isZero() ? AlertState.FIRING : AlertState.PENDING;
            return new Alert(rule.id(), rule.file(), rule.group(), labels, annotations, s, value, t,
                    s == AlertState.FIRING ? t : null, null, null, t, version + 1);
        }
        Alert candidate;
        if (prev.state() == AlertState.PENDING && !t.isBefore(prev.activeAt().plus(forD))) {
            candidate = prev.next(AlertState.FIRING, value, annotations, prev.activeAt(), t, null, null, t);
        } else {
            candidate = prev.next(prev.state(), value, annotations, prev.activeAt(), prev.firedAt(), null, null, t);
        }
        return candidate.sameAs(prev) ? prev : candidate;
    }

    /** The state when the condition does not hold; {@code null} when the alert is gone. */
    static Alert notBreaching(AlertRule rule, Alert prev, Instant t) {
        if (prev == null) {
            return null;
        }
        return switch (prev.state()) {
            case PENDING -> null;
            case FIRING -> {
                Duration keep = rule == null ? Duration.ZERO : rule.keepFiringFor();
                if (!keep.isZero()) {
                    Instant since = prev.keepFiringSince() == null ? t : prev.keepFiringSince();
                    if (t.isBefore(since.plus(keep))) {
                        yield prev.keepFiringSince() != null ? prev
                                : prev.next(AlertState.FIRING, prev.value(), prev.annotations(), prev.activeAt(), prev.firedAt(),
                                null, since, t);
                    }
                }
                yield prev.next(AlertState.RESOLVED, prev.value(), prev.annotations(), prev.activeAt(), prev.firedAt(), t, null, t);
            }
            case RESOLVED -> t.isBefore(prev.resolvedAt().plus(RESOLVED_RETENTION)) ? prev : null;
        };
    }

    /** Every label set the generic expression yields in at least M of the last N minutes. */
    private static Map<Labels, Observation> generic(AlertRule rule, SeriesLookup data, Instant t) {
        Map<Labels, int[]> counts = new LinkedHashMap<>();
        Map<Labels, Double> values = new HashMap<>();
        for (int k = 0; k < rule.evaluationPeriods(); k++) {
            for (Sample s : Evaluator.vector(rule.expr(), t.minus(Duration.ofMinutes(k)), data)) {
                counts.computeIfAbsent(s.labels(), x -> new int[1])[0]++;
                values.putIfAbsent(s.labels(), s.value());
            }
        }
        Map<Labels, Observation> out = new LinkedHashMap<>();
        counts.forEach((l, c) -> {
            if (c[0] >= rule.datapoints()) {
                out.put(l, new Observation(true, false, values.get(l), l));
            }
        });
        return out;
    }

    /** A threshold on single series: each known series breaches, does not, or has no data, minute by minute. */
    private static Map<Labels, Observation> singleSeries(AlertRule rule, SeriesLookup data, Instant t) {
        MissingData policy = rule.missingData();
        Map<Labels, Observation> out = new LinkedHashMap<>();
        tally(rule, data, t).forEach((l, c) -> {
            double value = c.latest == null ? Double.NaN : c.latest;
            if (policy == MissingData.IGNORE && c.missingNow) {
                out.put(l, new Observation(false, true, value, l));
                return;
            }
            int breaching = c.breaching + (policy == MissingData.BREACHING ? c.missing : 0);
            if (policy == MissingData.MISSING && c.missing == rule.evaluationPeriods()) {
                return;
            }
            out.put(l, new Observation(breaching >= rule.datapoints(), false, value, l));
        });
        return out;
    }

    /** One series' minutes over the rule's evaluation periods, as CloudWatch's M-of-N alarms count them. */
    private static final class Tally {
        int breaching;
        int missing;
        /** The newest value seen, or {@code null} when every minute was missing. */
        Double latest;
        /** Whether the current minute has no datapoint ({@code ignore} keeps the state then). */
        boolean missingNow;
    }

    /**
     * Counts, for every series the selector knows (whether or not it has data now), the minutes it breached and the
     * minutes it had no datapoint, newest minute first.
     */
    private static Map<Labels, Tally> tally(AlertRule rule, SeriesLookup data, Instant t) {
        Expr.Binary b = (Expr.Binary) rule.expr();
        Expr inner = b.left();
        double threshold = ((Expr.Number) b.right()).value();
        Expr.Selector selector = inner instanceof Expr.Selector s ? s : ((Expr.RangeCall) inner).selector();
        List<Labels> known = new ArrayList<>();
        for (SeriesData d : data.series(selector)) {
            known.add(d.labels());
        }
        Map<Labels, Tally> tally = new LinkedHashMap<>();
        for (int k = 0; k < rule.evaluationPeriods(); k++) {
            Map<Labels, Double> present = new HashMap<>();
            for (Sample s : Evaluator.vector(inner, t.minus(Duration.ofMinutes(k)), data)) {
                present.put(s.labels(), s.value());
            }
            for (Labels l : known) {
                Tally c = tally.computeIfAbsent(l, x -> new Tally());
                Double v = present.get(l);
                if (v == null) {
                    c.missing++;
                    c.missingNow |= k == 0;
                } else {
                    if (c.latest == null) {
                        c.latest = v;
                    }
                    if (Ops.keeps(b.op(), v, threshold)) {
                        c.breaching++;
                    }
                }
            }
        }
        return tally;
    }

    private static Labels alertLabels(AlertRule rule, Observation o, String externalUrl) {
        Map<String, String> extra = new LinkedHashMap<>();
        rule.labelTemplates().forEach((k, tpl) -> extra.put(k, render(tpl, o, externalUrl)));
        extra.put("alertname", rule.alert());
        return o.series().with(extra);
    }

    private static Map<String, String> annotations(AlertRule rule, Observation o, String externalUrl) {
        Map<String, String> out = new LinkedHashMap<>();
        rule.annotationTemplates().forEach((k, tpl) -> out.put(k, render(tpl, o, externalUrl)));
        if (!out.containsKey("runbook_url")) {
            Runbooks.url(rule.alert(), externalUrl).ifPresent(u -> out.put("runbook_url", u));
        }
        return out;
    }

    private static String render(GoTemplate tpl, Observation o, String externalUrl) {
        if (!tpl.source().contains("{{")) {
            return tpl.source();
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("labels", o.series().map());
        vars.put("value", o.value());
        vars.put("externalLabels", Map.of());
        vars.put("externalURL", externalUrl);
        Map<String, Object> dot = new HashMap<>(vars);
        dot.put("Labels", o.series().map());
        dot.put("Value", o.value());
        dot.put("ExternalLabels", Map.of());
        dot.put("ExternalURL", externalUrl);
        try {
            return tpl.render(dot, vars);
        } catch (TemplateException e) {
            return "<error expanding template: " + e.getMessage() + ">";
        }
    }
}
