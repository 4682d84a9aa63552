package io.quantsinfra.core.evaluation;

import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.error.QuantsInfraException;
import io.quantsinfra.core.metrics.CycleData;
import io.quantsinfra.core.metrics.MetricSource;
import io.quantsinfra.core.metrics.PrometheusQuery;
import io.quantsinfra.core.promql.Sample;
import io.quantsinfra.core.metrics.SeriesDiscovery;
import io.quantsinfra.core.promql.Expr;
import io.quantsinfra.core.rule.AlertRule;
import io.quantsinfra.core.rule.RuleGroup;
import io.quantsinfra.core.rule.RuleService;
import io.quantsinfra.core.telemetry.Telemetry;
import io.quantsinfra.core.telemetry.TelemetryEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One evaluation cycle: take the lease, evaluate the groups that are due (a group with interval {@code k}
 * minutes is due when the minute since the epoch is a multiple of {@code k}, or always when forced), store
 * the transitions with conditional writes, hand every alert to the {@link AlertSink}, give the lease back.
 *
 * {@snippet :
 * CycleReport r = evaluator.run(false);   // what the every-minute schedule does
 * CycleReport now = evaluator.run(true);  // `quants-infra alerts evaluate`: every group, now
 * }
 */
public final class AlertEvaluator {
    /** The lease's name and how long one holder may keep it at most. */
    public static final String LEASE = "alert-evaluator";
    public static final Duration LEASE_TTL = Duration.ofMinutes(2);
    /** How long the lease outlives the cycle's deadline, should its holder die without giving it back. */
    public static final Duration LEASE_GRACE = Duration.ofSeconds(15);
    /** The deadline of a cycle whose caller names none: below API Gateway's 30 s. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(25);

    private final RuleService rules;
    private final AlertStore alerts;
    private final Lease lease;
    private final MetricSource source;
    private final SeriesDiscovery discovery;
    private final AlertSink sink;
    private final Heartbeats heartbeats;
    private final Clock clock;
    private final String externalUrl;
    private final Telemetry telemetry;
    private final PrometheusQuery prometheus;

    /**
     * The longest all of a cycle's queries to the monitor's Prometheus may take together, and never more than half
     * the time left to the cycle's deadline: the rest is for storing transitions and notifying.
     */
    public static final Duration PROMETHEUS_BUDGET = PrometheusAnswers.BUDGET;

    public AlertEvaluator(RuleService rules, AlertStore alerts, Lease lease, MetricSource source, SeriesDiscovery discovery,
                          AlertSink sink, Heartbeats heartbeats, Clock clock, String externalUrl) {
        this(rules, alerts, lease, source, discovery, sink, heartbeats, clock, externalUrl, Telemetry.NONE);
    }

    /** As above, reporting every cycle to {@code telemetry}. */
    public AlertEvaluator(RuleService rules, AlertStore alerts, Lease lease, MetricSource source, SeriesDiscovery discovery,
                          AlertSink sink, Heartbeats heartbeats, Clock clock, String externalUrl, Telemetry telemetry) {
        this(rules, alerts, lease, source, discovery, sink, heartbeats, clock, externalUrl, telemetry, PrometheusQuery.NONE);
    }

    /**
     * As above; rules whose expression only Prometheus can answer ({@link AlertRule#byPrometheus()}) are asked of
     * {@code prometheus}, one query per rule per cycle, within {@link #PROMETHEUS_BUDGET}.
     */
    public AlertEvaluator(RuleService rules, AlertStore alerts, Lease lease, MetricSource source, SeriesDiscovery discovery,
                          AlertSink sink, Heartbeats heartbeats, Clock clock, String externalUrl, Telemetry telemetry,
                          PrometheusQuery prometheus) {
        this.prometheus = prometheus;
        this.rules = rules;
        this.alerts = alerts;
        this.lease = lease;
        this.source = source;
        this.discovery = discovery;
        this.sink = sink;
        this.heartbeats = heartbeats;
        this.clock = clock;
        this.externalUrl = externalUrl;
        this.telemetry = telemetry;
    }

    /** Runs one cycle now, within {@link #DEFAULT_BUDGET}. */
    public CycleReport run(boolean force) {
        Instant now = clock.instant();
        return run(now, force, now.plus(DEFAULT_BUDGET));
    }

    /** Runs one cycle now that ends by {@code deadline}: what it cannot notify by then is left for the next cycle. */
    public CycleReport run(boolean force, Instant deadline) {
        return run(clock.instant(), force, deadline);
    }

    /** Runs one cycle as of {@code now}, within {@link #DEFAULT_BUDGET} of the clock. */
    public CycleReport run(Instant now, boolean force) {
        return run(now, force, clock.instant().plus(DEFAULT_BUDGET));
    }

    /**
     * Runs one cycle as of {@code now} that ends by {@code deadline}. The lease is taken until the deadline plus
     * {@link #LEASE_GRACE} (at most {@link #LEASE_TTL}) and given back when the cycle ends.
     */
    public CycleReport run(Instant now, boolean force, Instant deadline) {
        long started = System.nanoTime();
        Instant t = now.truncatedTo(ChronoUnit.MINUTES);
        String owner = UUID.randomUUID().toString();
        if (!lease.acquire(LEASE, owner, now, leaseTtl(now, deadline))) {
            telemetry.record(TelemetryEvent.Evaluation.without(TelemetryEvent.Evaluation.SKIPPED, since(started)));
            return CycleReport.skipped(now, "another evaluation holds the lease; nothing was evaluated");
        }
        try {
            return cycle(now, t, force, started, deadline);
        } catch (RuntimeException e) {
            telemetry.record(TelemetryEvent.Evaluation.without(TelemetryEvent.Evaluation.FAILED, since(started)));
            throw e;
        } finally {
            lease.release(LEASE, owner);
        }
    }

    static Duration leaseTtl(Instant now, Instant deadline) {
        Duration ttl = Duration.between(now, deadline).plus(LEASE_GRACE);
        return ttl.compareTo(LEASE_TTL) > 0 ? LEASE_TTL : ttl.compareTo(LEASE_GRACE) < 0 ? LEASE_GRACE : ttl;
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private CycleReport cycle(Instant now, Instant t, boolean force, long started, Instant deadline) {
        RuleService.Loaded loaded = rules.load();
        Outcomes outcomes = new Outcomes(loaded.errors());
        List<RuleGroup> due = due(loaded.groups(), t, force);
        int listsBefore = discovery.listCalls();
        // Prometheus gets half the time left at most: storing transitions and notifying need the rest.
        Map<String, Object> answered = PrometheusAnswers.ask(prometheus, due, now,
                Duration.between(clock.instant(), deadline).dividedBy(2));
        CycleData data = CycleData.load(needs(due), t, discovery, source);
        Map<String, List<Alert>> byRule = new HashMap<>();
        for (Alert a : alerts.all()) {
            byRule.computeIfAbsent(a.ruleId(), k -> new ArrayList<>()).add(a);
        }
        Set<String> known = evaluate(loaded.groups(), due, byRule, data, answered, t, outcomes);
        resolveDeletedRules(byRule, known, t, outcomes);
        Stored stored = store(outcomes, byRule);
        // A lost conditional write means another writer moved an alert on: notify from the store, not from memory.
        List<Alert> forSink = stored.conflicts() > 0 ? alerts.all() : outcomes.current;
        AlertSink.Delivery delivery = deliver(forSink, now, deadline);
        heartbeats.beat(Heartbeats.EVALUATION, now);
        int rulesFiring = (int) forSink.stream().filter(a -> a.state() == AlertState.FIRING).map(Alert::ruleId).distinct().count();
        telemetry.record(new TelemetryEvent.Evaluation(TelemetryEvent.Evaluation.EVALUATED, since(started), outcomes.ruleCount,
                rulesFiring, count(forSink, AlertState.FIRING), outcomes.errors.size() + delivery.errors().size()));
        return new CycleReport(now, null, due.size(), outcomes.ruleCount, data.seriesCount(), data.requests(),
                discovery.listCalls() - listsBefore, count(forSink, AlertState.FIRING), count(forSink, AlertState.PENDING),
                count(forSink, AlertState.RESOLVED), stored.transitions(), stored.conflicts(), delivery, outcomes.errors,
                (System.nanoTime() - started) / 1_000_000, deadline, answered.size());
    }

    /** What one cycle's evaluations produced: every alert as it now stands, those to write and those to delete. */
    private static final class Outcomes {
        final List<String> errors;
        final List<Alert> current = new ArrayList<>();
        final List<Alert> changed = new ArrayList<>();
        final List<Alert> removed = new ArrayList<>();
        int ruleCount;

        Outcomes(List<String> loadErrors) {
            this.errors = new ArrayList<>(loadErrors);
        }
    }

    /** The transitions written and the writes lost to a concurrent writer. */
    private record Stored(List<String> transitions, int conflicts) {}

    /** The groups due at minute {@code t}: interval {@code k} minutes is due when the minute is a multiple of k. */
    private static List<RuleGroup> due(List<RuleGroup> groups, Instant t, boolean force) {
        long minute = t.getEpochSecond() / 60;
        return groups.stream().filter(g -> force || minute % Math.max(1, g.interval().toMinutes()) == 0).toList();
    }

    /** The series (and how far back) the due rules evaluated here need; Prometheus's rules need none. */
    private static List<CycleData.Need> needs(List<RuleGroup> due) {
        List<CycleData.Need> needs = new ArrayList<>();
        for (RuleGroup g : due) {
            for (AlertRule r : g.rules()) {
                if (r.byPrometheus()) {
                    continue;
                }
                for (Expr.Selector s : r.expr().selectors()) {
                    needs.add(new CycleData.Need(s, r.dataWindow()));
                }
            }
        }
        return needs;
    }

    /**
     * Evaluates every due rule once (a rule id in two groups is evaluated in the first); a rule not due keeps its
     * alerts as they are. Returns the ids of every rule in the files, due or not.
     */
    private Set<String> evaluate(List<RuleGroup> groups, List<RuleGroup> due, Map<String, List<Alert>> byRule,
                                 CycleData data, Map<String, Object> answered, Instant t, Outcomes outcomes) {
        Set<String> known = new HashSet<>();
        Set<String> evaluated = new HashSet<>();
        for (RuleGroup g : groups) {
            boolean isDue = due.contains(g);
            for (AlertRule r : g.rules()) {
                known.add(r.id());
                List<Alert> previous = byRule.getOrDefault(r.id(), List.of());
                if (!isDue || !evaluated.add(r.id())) {
                    outcomes.current.addAll(previous);
                    continue;
                }
                outcomes.ruleCount++;
                RuleEvaluator.Outcome o = evaluate(r, g, previous, data, answered, t);
                if (o.error() != null) {
                    outcomes.errors.add(o.error());
                }
                outcomes.current.addAll(o.current());
                outcomes.changed.addAll(o.changed());
                outcomes.removed.addAll(o.removed());
            }
        }
        return known;
    }

    /** One rule: from CloudWatch data, from Prometheus's answer, or failed with what Prometheus said instead. */
    private RuleEvaluator.Outcome evaluate(AlertRule r, RuleGroup g, List<Alert> previous, CycleData data,
                                           Map<String, Object> answered, Instant t) {
        if (!r.byPrometheus()) {
            return RuleEvaluator.evaluate(r, g.limit(), data, t, previous, externalUrl);
        }
        if (answered.get(r.id()) instanceof List<?> vector) {
            @SuppressWarnings("unchecked")
            List<Sample> samples = (List<Sample>) vector;
            return RuleEvaluator.evaluateAnswered(r, g.limit(), samples, t, previous, externalUrl);
        }
        return RuleEvaluator.failed(r, previous, String.valueOf(answered.get(r.id())));
    }

    /**
     * Alerts of rules no longer in any file are treated as no longer breaching, as if their series had gone: a firing
     * alert resolves (so its receivers hear so) instead of vanishing, a pending one goes, a resolved one is deleted
     * after the retention.
     */
    private static void resolveDeletedRules(Map<String, List<Alert>> byRule, Set<String> known, Instant t, Outcomes outcomes) {
        byRule.forEach((ruleId, list) -> {
            if (known.contains(ruleId)) {
                return;
            }
            for (Alert a : list) {
                Alert next = RuleEvaluator.notBreaching(null, a, t);
                if (next == null) {
                    outcomes.removed.add(a);
                } else {
                    outcomes.current.add(next);
                    if (next != a) {
                        outcomes.changed.add(next);
                    }
                }
            }
        });
    }

    /**
     * Writes the changed alerts and deletes the removed ones with conditional writes, naming each state change. A
     * lost write is counted, not retried: the writer that won holds the newer state, and the next cycle starts from it.
     */
    private Stored store(Outcomes outcomes, Map<String, List<Alert>> byRule) {
        Map<String, Alert> previousByKey = new HashMap<>();
        byRule.values().forEach(l -> l.forEach(a -> previousByKey.put(a.key(), a)));
        List<String> transitions = new ArrayList<>();
        int conflicts = 0;
        for (Alert a : outcomes.changed) {
            try {
                alerts.save(a);
                Alert p = previousByKey.get(a.key());
                String from = p == null ? "inactive" : p.state().value();
                if (!from.equals(a.state().value())) {
                    transitions.add(a.labels() + ": " + from + " → " + a.state().value());
                }
            } catch (ConflictException e) {
                conflicts++;
            }
        }
        for (Alert a : outcomes.removed) {
            try {
                alerts.remove(a);
                if (a.state() != AlertState.RESOLVED) {
                    transitions.add(a.labels() + ": " + a.state().value() + " → inactive");
                }
            } catch (ConflictException e) {
                conflicts++;
            }
        }
        return new Stored(transitions, conflicts);
    }

    /** Hands the alerts to the sink by the deadline; a failing sink is an error in the report, not a failed cycle. */
    private AlertSink.Delivery deliver(List<Alert> forSink, Instant now, Instant deadline) {
        try {
            return sink.deliver(forSink, now, deadline);
        } catch (QuantsInfraException e) {
            return new AlertSink.Delivery(0, 0, 0, List.of(), List.of("notifications: " + e.getMessage()));
        }
    }

    private static int count(List<Alert> l, AlertState s) {
        return (int) l.stream().filter(a -> a.state() == s).count();
    }
}
