package io.quantsinfra.benchmarks.alerting;

import io.quantsinfra.core.evaluation.Alert;
import io.quantsinfra.core.evaluation.RuleEvaluator;
import io.quantsinfra.core.inmemory.InMemoryMetrics;
import io.quantsinfra.core.metrics.CycleData;
import io.quantsinfra.core.metrics.SeriesDiscovery;
import io.quantsinfra.core.promql.Expr;
import io.quantsinfra.core.promql.SeriesData;
import io.quantsinfra.core.rule.AlertRule;
import io.quantsinfra.core.rule.RuleFiles;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Evaluation throughput: one whole cycle over 10,000 rules and 600 services (the mix selects 547 series) in memory — series
 * lookup, PromQL evaluation, the state machine against the previous cycle's alerts, annotation templates —
 * without I/O. {@code cycle} also builds the cycle's data (discovery and batching over the in-memory source).
 * {@link #main} runs JMH and prints rules/s and datapoints/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class EvaluationBenchmark {
    @Param({"10000"})
    int rules;

    @Param({"600"})
    int services;

    private List<AlertRule> parsed;
    private InMemoryMetrics metrics;
    private SeriesDiscovery discovery;
    private List<CycleData.Need> needs;
    private CycleData data;
    private final Map<String, List<Alert>> previous = new HashMap<>();

    @Setup
    public void setup() {
        metrics = Workload.metrics(services);
        parsed = RuleFiles.parse("bench", Workload.rules(rules, services, false)).getFirst().rules();
        discovery = new SeriesDiscovery(metrics, Clock.fixed(Workload.NOW, ZoneOffset.UTC), Duration.ofMinutes(5));
        needs = new ArrayList<>();
        for (AlertRule r : parsed) {
            for (Expr.Selector s : r.expr().selectors()) {
                needs.add(new CycleData.Need(s, r.dataWindow()));
            }
        }
        data = CycleData.load(needs, Workload.NOW, discovery, metrics);
        for (AlertRule r : parsed) {
            previous.put(r.id(), RuleEvaluator.evaluate(r, 0, data, Workload.NOW, List.of(), "docs").current());
        }
    }

    /** Datapoints the rules read per cycle: for each rule and matching series, the points in its window. */
    long datapointsPerCycle() {
        long n = 0;
        for (AlertRule r : parsed) {
            long window = r.expr().window().toMinutes();
            for (Expr.Selector s : r.expr().selectors()) {
                for (SeriesData d : data.series(s)) {
                    n += Math.min(window, d.times().length);
                }
            }
        }
        return n;
    }

    @Benchmark
    public int evaluate() {
        int alerts = 0;
        for (AlertRule r : parsed) {
            alerts += RuleEvaluator.evaluate(r, 0, data, Workload.NOW, previous.get(r.id()), "docs").current().size();
        }
        return alerts;
    }

    @Benchmark
    public int cycle() {
        CycleData fresh = CycleData.load(needs, Workload.NOW, discovery, metrics);
        int alerts = 0;
        for (AlertRule r : parsed) {
            alerts += RuleEvaluator.evaluate(r, 0, fresh, Workload.NOW, previous.get(r.id()), "docs").current().size();
        }
        return alerts;
    }

    public static void main(String[] args) throws Exception {
        EvaluationBenchmark probe = new EvaluationBenchmark();
        probe.rules = 10_000;
        probe.services = 600;
        probe.setup();
        long points = probe.datapointsPerCycle();
        int alerts = probe.evaluate();
        var opts = new OptionsBuilder().include(EvaluationBenchmark.class.getName() + "\\.")
                .warmupIterations(args.length > 0 ? Integer.parseInt(args[0]) : 3)
                .measurementIterations(args.length > 1 ? Integer.parseInt(args[1]) : 5).build();
        System.out.printf(Locale.ROOT, "workload: %d rules over %d services (%d series fetched), %d datapoints read per cycle, %d alerts%n",
                probe.rules, probe.services, probe.data.seriesCount(), points, alerts);
        for (RunResult r : new Runner(opts).run()) {
            double cycles = r.getPrimaryResult().getScore();
            double err = r.getPrimaryResult().getScoreError();
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            System.out.printf(Locale.ROOT, "%-9s %7.2f ± %.2f cycles/s → %,12.0f rules/s, %,14.0f datapoints/s (%.1f ms per cycle of %d rules)%n",
                    name, cycles, err, cycles * probe.rules, cycles * points, 1000 / cycles, probe.rules);
        }
    }
}
