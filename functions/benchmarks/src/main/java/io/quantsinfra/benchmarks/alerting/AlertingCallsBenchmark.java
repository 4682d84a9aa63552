package io.quantsinfra.benchmarks.alerting;

import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.alerting.AwsAlerting;
import io.quantsinfra.aws.cloudwatch.CloudWatchMetricSource;
import io.quantsinfra.aws.local.LocalAccount;
import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.evaluation.CycleReport;
import io.quantsinfra.testing.emulator.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;

/**
 * CloudWatch requests per evaluation cycle, with the real adapters against the emulator: 1,000 rules over 600
 * distinct series (CPU of 600 services; half instant thresholds, half avg_over_time over 5 minutes). Counts the
 * GetMetricData and ListMetrics requests and the metrics requested (what GetMetricData bills) for three cycles
 * (the first lists the series; the next ones use the 5-minute listing cache), then prints the cost table.
 */
public final class AlertingCallsBenchmark {
    /** GetMetricData: $0.01 per 1,000 metrics requested; a standard-resolution alarm: $0.10 per alarm metric-month. */
    static final double PER_METRIC_REQUESTED = 0.01 / 1000;
    static final double ALARM_PER_MONTH = 0.10;
    static final int RULES = 1000;
    static final int SERIES = 600;

    private AlertingCallsBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("alerting-calls");
        try (MotoServer moto = MotoServer.start(0, Map.of(), work.resolve("moto.log"))) {
            Map<String, String> env = new HashMap<>(LocalAccount.prepare(moto.endpoint(), List.of("freqtrade", "data-collector", "monitor"))
                    .toEnvironment());
            env.put(AwsSettings.AWS_RETRIES, "0");
            AwsCallRecorder recorder = new AwsCallRecorder();
            try (AwsClients clients = new AwsClients(AwsSettings.from(env), List.of(recorder))) {
                new CloudWatchMetricSource(clients.cloudWatch()).publish("AWS/ECS", Workload.data(SERIES, false));
                Alerting alerting = Alerting.create(AwsAlerting.ports(clients),
                        Alerting.Options.defaults(Clock.fixed(Workload.NOW.plusSeconds(5), ZoneOffset.UTC), null));
                alerting.rules().apply("bench", Workload.rules(RULES, SERIES, true), "benchmark");
                System.out.printf("%d rules over %d distinct CloudWatch series, emulator %s%n%n", RULES, SERIES, moto.describe());
                System.out.println("cycle  GetMetricData  metrics requested  ListMetrics  firing  wall ms");
                double metricsPerCycle = 0;
                for (int c = 1; c <= 3; c++) {
                    recorder.clear();
                    long t0 = System.nanoTime();
                    CycleReport r = alerting.evaluator().run(true);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    List<AwsCallRecorder.Call> calls = recorder.calls();
                    long gmd = calls.stream().filter(x -> x.operation().equals("GetMetricData")).count();
                    long requested = calls.stream().filter(x -> x.request() instanceof GetMetricDataRequest)
                            .mapToLong(x -> ((GetMetricDataRequest) x.request()).metricDataQueries().size()).sum();
                    long list = calls.stream().filter(x -> x.operation().equals("ListMetrics")).count();
                    metricsPerCycle = requested;
                    System.out.printf(Locale.ROOT, "%5d  %13d  %17d  %11d  %6d  %7d%n", c, gmd, requested, list, r.firing(), ms);
                }
                costs(metricsPerCycle);
            }
        }
    }

    static void costs(double metricsPerCycle) {
        System.out.println();
        System.out.println("GetMetricData cost per rule-month (30 days), beside a CloudWatch alarm:");
        System.out.println("| setup | cadence | metrics requested / month | $ / rule-month |");
        System.out.println("|---|---|---|---|");
        for (int minutes : new int[] {1, 5}) {
            double cycles = 30.0 * 24 * 60 / minutes;
            System.out.printf(Locale.ROOT, "| one series per rule | %d min | %,.0f | %.4f |%n", minutes, cycles, cycles * PER_METRIC_REQUESTED);
            double total = cycles * metricsPerCycle;
            System.out.printf(Locale.ROOT, "| %d rules over %.0f series (measured) | %d min | %,.0f per rule | %.4f |%n", RULES,
                    metricsPerCycle, minutes, total / RULES, total * PER_METRIC_REQUESTED / RULES);
        }
        System.out.printf(Locale.ROOT, "| CloudWatch alarm, one metric, 1-min period | 1 min | — | %.4f |%n", ALARM_PER_MONTH);
    }
}
