package io.quantsinfra.aws.telemetry;

import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.quantsinfra.aws.telemetry.IntervalMeters.IntervalCounter;
import io.quantsinfra.aws.telemetry.IntervalMeters.IntervalSummary;
import io.quantsinfra.aws.telemetry.IntervalMeters.IntervalTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/**
 * micrometer's CloudWatch registry made to publish on demand: {@link #flush()} sends what was recorded since the
 * previous flush and returns once CloudWatch has answered, so a Lambda invocation that flushes before it returns
 * loses nothing when its container is frozen or reaped. No background thread publishes.
 *
 * <p>Why not the stock registry's schedule: it is a step registry — it publishes, once a minute, what the
 * <em>previous whole minute</em> recorded — so whatever an invocation records is sent by a later publish, if the
 * container still runs then. Here counters, timers and summaries accumulate until drained; only meters that
 * recorded something are sent (no zeros); a timer or summary is one datum carrying its values (up to 150, so
 * CloudWatch keeps percentiles) or, beyond that, its statistic set. Gauges and function meters are not published.
 *
 * {@snippet :
 * var registry = new FlushingCloudWatchMeterRegistry("QuantsInfra", new SyncCloudWatchAsyncClient(cloudWatch), Clock.SYSTEM);
 * registry.timer("quants_infra_deploy_ms", "result", "changed").record(Duration.ofMillis(840));
 * FlushingCloudWatchMeterRegistry.Flush f = registry.flush();   // one PutMetricData, in this thread
 * }
 */
public final class FlushingCloudWatchMeterRegistry extends CloudWatchMeterRegistry {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FlushingCloudWatchMeterRegistry.class);
    private static final double MIN_VALUE = 8.515920e-109;
    private static final double MAX_VALUE = 1.174271e+108;

    private final String namespace;
    private final int batchSize;
    private final CloudWatchAsyncClient client;
    private final ReentrantLock flushing = new ReentrantLock();

    /** What one flush sent: datums, PutMetricData requests, and the errors of requests that failed (data dropped). */
    public record Flush(int datums, int requests, List<String> errors, Duration took) {
        public static final Flush NOTHING = new Flush(0, 0, List.of(), Duration.ZERO);

        public Flush {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Publishes to {@code namespace}, 1,000 datums per request (PutMetricData's limit). */
    public FlushingCloudWatchMeterRegistry(String namespace, CloudWatchAsyncClient client, Clock clock) {
        this(key -> key.equals("cloudwatch.namespace") ? namespace : null, clock, client);
    }

    /** Publishes to {@code config.namespace()} in batches of {@code config.batchSize()}; the step is not used. */
    public FlushingCloudWatchMeterRegistry(CloudWatchConfig config, Clock clock, CloudWatchAsyncClient client) {
        super(onDemand(config), clock, client);
        this.namespace = config.namespace();
        this.batchSize = config.batchSize();
        this.client = client;
    }

    /** The config with publishing on a schedule turned off: the registry starts no thread. */
    private static CloudWatchConfig onDemand(CloudWatchConfig config) {
        return new CloudWatchConfig() {
            @Override
            public String get(String key) {
                return config.get(key);
            }

            @Override
            public String namespace() {
                return config.namespace();
            }

            @Override
            public int batchSize() {
                return config.batchSize();
            }

            @Override
            public boolean enabled() {
                return false;
            }
        };
    }

    @Override
    protected Counter newCounter(Meter.Id id) {
        return new IntervalCounter(id);
    }

    @Override
    protected Timer newTimer(Meter.Id id, DistributionStatisticConfig distributionStatisticConfig, PauseDetector pauseDetector) {
        return new IntervalTimer(id, clock, pauseDetector, getBaseTimeUnit());
    }

    @Override
    protected DistributionSummary newDistributionSummary(Meter.Id id, DistributionStatisticConfig distributionStatisticConfig,
                                                         double scale) {
        return new IntervalSummary(id, scale);
    }

    /**
     * Sends everything recorded since the previous flush, in this thread, and returns when CloudWatch has answered.
     * Nothing recorded: no request. A failed request is logged and its data dropped; the caller's work goes on.
     * Flushes are serialized: when one returns, whatever was recorded before it was called has been sent.
     */
    public Flush flush() {
        flushing.lock();
        try {
            long started = System.nanoTime();
            List<MetricDatum> data = drain(Instant.ofEpochMilli(clock.wallTime()));
            if (data.isEmpty()) {
                return Flush.NOTHING;
            }
            int requests = 0;
            List<String> errors = new ArrayList<>();
            for (int i = 0; i < data.size(); i += batchSize) {
                PutMetricDataRequest request = PutMetricDataRequest.builder().namespace(namespace)
                        .metricData(data.subList(i, Math.min(data.size(), i + batchSize))).build();
                try {
                    client.putMetricData(request).join();
                    requests++;
                } catch (RuntimeException e) {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    errors.add(cause.getClass().getSimpleName() + ": " + cause.getMessage());
                    LOG.warn("could not publish {} metric datums to CloudWatch namespace {}: {}", request.metricData().size(),
                            namespace, cause.toString());
                }
            }
            return new Flush(data.size(), requests, errors, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            flushing.unlock();
        }
    }

    /** Called by nothing on a schedule here; kept meaningful: the same as {@link #flush()}. */
    @Override
    protected void publish() {
        flush();
    }

    /** Flushes what is left, then closes. */
    @Override
    public void close() {
        if (!isClosed()) {
            flush();
        }
        super.close();
    }

    private List<MetricDatum> drain(Instant at) {
        List<MetricDatum> out = new ArrayList<>();
        for (Meter m : getMeters()) {
            switch (m) {
                case IntervalCounter c -> {
                    double v = c.drain();
                    if (v > 0) {
                        out.add(datum(m, at, StandardUnit.COUNT).value(clamp(v)).build());
                    }
                }
                case IntervalTimer t -> samples(out, m, at, t.drain(), StandardUnit.MILLISECONDS);
                case IntervalSummary s -> samples(out, m, at, s.drain(), unit(m.getId().getBaseUnit()));
                default -> {
                    // gauges, long-task timers, function meters: nothing of ours registers them
                }
            }
        }
        return out;
    }

    private void samples(List<MetricDatum> out, Meter m, Instant at, Samples.Snapshot s, StandardUnit unit) {
        if (s.count() == 0) {
            return;
        }
        MetricDatum.Builder b = datum(m, at, unit);
        if (s.values() != null) {
            Map<Double, Double> counts = new TreeMap<>();
            for (double v : s.values()) {
                counts.merge(clamp(v), 1.0, Double::sum);
            }
            b.values(List.copyOf(counts.keySet())).counts(List.copyOf(counts.values()));
        } else {
            b.statisticValues(StatisticSet.builder().sampleCount((double) s.count()).sum(clamp(s.sum()))
                    .minimum(clamp(s.min())).maximum(clamp(s.max())).build());
        }
        out.add(b.build());
    }

    private MetricDatum.Builder datum(Meter m, Instant at, StandardUnit unit) {
        List<Dimension> dimensions = new ArrayList<>();
        for (Tag t : getConventionTags(m.getId())) {
            if (!t.getValue().isBlank() && dimensions.size() < 30) {
                dimensions.add(Dimension.builder().name(t.getKey()).value(t.getValue()).build());
            }
        }
        return MetricDatum.builder().metricName(getConventionName(m.getId())).dimensions(dimensions).timestamp(at).unit(unit)
                .storageResolution(60);
    }

    private static StandardUnit unit(String baseUnit) {
        if (baseUnit != null) {
            for (StandardUnit u : StandardUnit.knownValues()) {
                if (u.toString().equalsIgnoreCase(baseUnit)) {
                    return u;
                }
            }
        }
        return StandardUnit.NONE;
    }

    /** CloudWatch refuses magnitudes outside [8.5e-109, 1.2e108] other than 0. */
    private static double clamp(double v) {
        return v == 0 ? 0 : Math.min(Math.max(v, MIN_VALUE), MAX_VALUE);
    }
}
