package io.quantsinfra.scheduled;

import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.AwsWiring;
import io.quantsinfra.aws.ecs.TaskAddresses;
import io.quantsinfra.aws.telemetry.ControlPlaneMetrics;
import io.quantsinfra.aws.telemetry.FlushingCloudWatchMeterRegistry;
import io.quantsinfra.aws.telemetry.MicrometerTelemetry;
import io.quantsinfra.aws.telemetry.SyncCloudWatchAsyncClient;
import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.probe.HealthProbeService;
import io.quantsinfra.core.telemetry.Telemetry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * What the scheduled handlers need, from {@link AwsWiring} (the wiring every handler shares), once per Lambda
 * container (the handler instance lives as long as the container). Tests pass settings for the emulator and a clock.
 * With {@code QUANTS_INFRA_METRICS=true} evaluations and notifications are recorded ({@code MicrometerTelemetry}) and
 * flushed by {@link #flushMetrics()}.
 */
public final class ScheduledWiring implements AutoCloseable {
    private final AwsWiring wiring;
    /** The control plane's own metrics, flushed before each invocation returns; null when they are off. */
    private final FlushingCloudWatchMeterRegistry metrics;
    private final CloudWatchAsyncClient metricsClient;

    public ScheduledWiring(AwsSettings settings, Clock clock) {
        this(settings, clock, List.of());
    }

    /** With {@code interceptors} on every AWS client (tests count calls with an {@code AwsCallRecorder}). */
    public ScheduledWiring(AwsSettings settings, Clock clock, List<ExecutionInterceptor> interceptors) {
        this(settings, clock, interceptors, TaskAddresses.ECS);
    }

    /**
     * Probing instances at the addresses {@code addresses} finds: {@link TaskAddresses#ECS} (what the Lambda uses),
     * or, in local-mode tests where the emulator runs no task, a loopback stand-in's address.
     */
    public ScheduledWiring(AwsSettings settings, Clock clock, List<ExecutionInterceptor> interceptors, TaskAddresses addresses) {
        AwsWiring.Builder builder = AwsWiring.builder(settings).clock(clock).interceptors(interceptors).taskAddresses(addresses)
                .notices(line -> System.out.println(Json.line("notice", line)));
        if (settings.metrics()) {
            // the registry needs the wiring's CloudWatch client, and the wiring's telemetry the registry
            FlushingCloudWatchMeterRegistry[] registry = new FlushingCloudWatchMeterRegistry[1];
            this.wiring = builder.telemetry(() -> new MicrometerTelemetry(registry[0])).build();
            this.metricsClient = new SyncCloudWatchAsyncClient(wiring.clients().cloudWatch());
            this.metrics = new FlushingCloudWatchMeterRegistry(ControlPlaneMetrics.NAMESPACE, metricsClient,
                    io.micrometer.core.instrument.Clock.SYSTEM);
            registry[0] = metrics;
        } else {
            this.wiring = builder.telemetry(() -> Telemetry.NONE).build();
            this.metricsClient = null;
            this.metrics = null;
        }
    }

    /** From the Lambda's environment ({@link AwsSettings#VARIABLES}). */
    public static ScheduledWiring fromEnvironment(Map<String, String> env) {
        return new ScheduledWiring(AwsSettings.from(env), Clock.systemUTC());
    }

    /** The shared wiring these handlers draw from. */
    public AwsWiring wiring() {
        return wiring;
    }

    Clock clock() {
        return wiring.clock();
    }

    Alerting alerting() {
        return wiring.alerting();
    }

    /**
     * The monitor's files (typed and discovered scrape targets, rule files), or empty without a monitor bucket. The
     * probe republishes them every cycle: Fargate tasks change address whenever they restart, also on their own.
     */
    Optional<io.quantsinfra.core.monitor.MonitorFiles> monitorFiles() {
        return wiring.monitorFilesIfPublished();
    }

    HealthProbeService probe() {
        return wiring.probe();
    }

    /** The job dispatcher: the state table and ECS (issue 11). */
    io.quantsinfra.core.job.JobDispatcher jobDispatcher() {
        return wiring.jobDispatcher();
    }

    /** What records ECS task state changes of job tasks. */
    io.quantsinfra.core.job.JobEvents jobEvents() {
        return wiring.jobEvents();
    }

    /**
     * Publishes the age of the oldest job ready to start (0 when none is) as
     * {@value io.quantsinfra.aws.telemetry.ControlPlaneMetrics#JOBS_OLDEST_READY}: the stuck-pending alarm's metric.
     * The oldest among the first 100 in start order (a Query page; higher priorities come first, so an older job of
     * a lower priority behind 100 ready ones is not seen — then the queue is stuck anyway). Returns the age published.
     */
    long publishOldestReadyAge() {
        java.time.Instant now = wiring.clock().instant();
        long age = wiring.jobStore().ready(now, 100).stream().map(io.quantsinfra.core.job.Job::createdAt)
                .min(java.util.Comparator.naturalOrder())
                .map(t -> Math.max(0, java.time.Duration.between(t, now).toSeconds())).orElse(0L);
        wiring.metricPublisher().publish(io.quantsinfra.aws.telemetry.ControlPlaneMetrics.NAMESPACE, List.of(
                new io.quantsinfra.core.metrics.MetricPublisher.Datum(io.quantsinfra.aws.telemetry.ControlPlaneMetrics.JOBS_OLDEST_READY,
                        Map.of(), age, now)));
        return age;
    }

    /**
     * The secrets service the probe judges rotations' rollouts with (and reverts a rolled-back one through): the
     * same core the API and the rotation Lambda use, from the same wiring. A revert restarts consumers; a bot among
     * them is told to stop entries first, as for any rotation.
     */
    io.quantsinfra.core.secret.SecretService secrets() {
        return wiring.secretService();
    }

    /**
     * Publishes what this invocation recorded, in this thread; the handlers call it before they return (a frozen
     * or reaped container keeps nothing unsent). A failure is logged, never thrown: the job's result stands.
     */
    FlushingCloudWatchMeterRegistry.Flush flushMetrics() {
        if (metrics == null) {
            return FlushingCloudWatchMeterRegistry.Flush.NOTHING;
        }
        FlushingCloudWatchMeterRegistry.Flush f = metrics.flush();
        if (!f.ok()) {
            System.out.println(Json.line("metrics", java.util.Map.of("published", f.requests(), "errors", f.errors())));
        }
        return f;
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
        wiring.close();
    }
}
