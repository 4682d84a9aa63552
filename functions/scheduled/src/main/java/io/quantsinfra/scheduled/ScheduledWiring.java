package io.quantsinfra.scheduled;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.alerting.AwsAlerting;
import io.quantsinfra.aws.dynamodb.DynamoDbStateStore;
import io.quantsinfra.aws.ecs.EcsHealthSource;
import io.quantsinfra.aws.ecs.EcsPlatform;
import io.quantsinfra.aws.ecs.TaskAddresses;
import io.quantsinfra.aws.secretsmanager.SecretsManagerStore;
import io.quantsinfra.aws.telemetry.ControlPlaneMetrics;
import io.quantsinfra.aws.telemetry.FlushingCloudWatchMeterRegistry;
import io.quantsinfra.aws.telemetry.MicrometerTelemetry;
import io.quantsinfra.aws.telemetry.SyncCloudWatchAsyncClient;
import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.health.HealthRules;
import io.quantsinfra.core.metrics.MetricPublisher;
import io.quantsinfra.core.probe.HealthProbeService;
import io.quantsinfra.core.servicemetrics.ServiceMetricsScraper;
import io.quantsinfra.core.status.ProbeCredentials;
import io.quantsinfra.core.telemetry.Telemetry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Builds what the handlers need from the settings, once per Lambda container (the handler instance lives as
 * long as the container). Tests pass settings for the emulator and a clock. With {@code QUANTS_INFRA_METRICS=true}
 * evaluations and notifications are recorded ({@code MicrometerTelemetry}) and flushed by {@link #flushMetrics()}.
 */
public final class ScheduledWiring implements AutoCloseable {
    private final AwsClients clients;
    private final Clock clock;
    /** The control plane's own metrics, flushed before each invocation returns; null when they are off. */
    private final FlushingCloudWatchMeterRegistry metrics;
    private final CloudWatchAsyncClient metricsClient;
    private final Telemetry telemetry;
    private Alerting alerting;
    private HealthProbeService probe;
    private io.quantsinfra.core.monitor.MonitorFiles monitorFiles;
    private EcsClient ecs;
    private final TaskAddresses addresses;
    private io.quantsinfra.core.job.JobDispatcher jobDispatcher;
    private io.quantsinfra.core.job.JobEvents jobEvents;

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
        this.clients = new AwsClients(settings, interceptors);
        this.clock = clock;
        this.addresses = addresses;
        this.metricsClient = settings.metrics() ? new SyncCloudWatchAsyncClient(clients.cloudWatch()) : null;
        this.metrics = settings.metrics() ? new FlushingCloudWatchMeterRegistry(ControlPlaneMetrics.NAMESPACE, metricsClient,
                io.micrometer.core.instrument.Clock.SYSTEM) : null;
        this.telemetry = metrics == null ? Telemetry.NONE : new MicrometerTelemetry(metrics);
    }

    /** From the Lambda's environment ({@link AwsSettings#VARIABLES}). */
    public static ScheduledWiring fromEnvironment(Map<String, String> env) {
        return new ScheduledWiring(AwsSettings.from(env), Clock.systemUTC());
    }

    Clock clock() {
        return clock;
    }

    synchronized Alerting alerting() {
        if (alerting == null) {
            alerting = Alerting.create(AwsAlerting.ports(clients), AwsAlerting.options(clients, clock)
                    .withLogger(line -> System.out.println(Json.line("notice", line))).withTelemetry(telemetry));
        }
        return alerting;
    }

    /**
     * The monitor's files (typed and discovered scrape targets, rule files), or empty without a monitor bucket. The
     * probe republishes them every cycle: Fargate tasks change address whenever they restart, also on their own.
     */
    synchronized java.util.Optional<io.quantsinfra.core.monitor.MonitorFiles> monitorFiles() {
        AwsSettings s = clients.settings();
        if (s.monitorBucket() == null || s.monitorBucket().isBlank()) {
            return java.util.Optional.empty();
        }
        if (monitorFiles == null) {
            EcsClient client = ecs != null ? ecs : clients.ecs();
            ecs = client;
            monitorFiles = io.quantsinfra.aws.monitor.AwsMonitor.files(clients, client, new EcsPlatform(client, s));
        }
        return java.util.Optional.of(monitorFiles);
    }

    synchronized HealthProbeService probe() {
        if (probe == null) {
            AwsSettings s = clients.settings();
            ecs = ecs != null ? ecs : clients.ecs();
            Alerting.Ports ports = alerting().ports();
            ServiceCatalog catalog = ServiceCatalog.standard();
            DynamoDbStateStore state = new DynamoDbStateStore(clients.dynamoDb(), s.table());
            SecretsManagerStore secrets = new SecretsManagerStore(clients.secretsManager(), s.secretPrefix(), s.kmsKeyId());
            ProbeCredentials credentials = new ProbeCredentials(catalog, state, secrets, secrets);
            probe = new HealthProbeService(catalog, new EcsPlatform(ecs, s), state,
                    new EcsHealthSource(ecs, s.cluster(), EcsHealthSource.probe(s), credentials, addresses),
                    HealthRules.defaults(),
                    (MetricPublisher) ports.metrics(), ports.heartbeats(), clock,
                    ServiceMetricsScraper.builder().headers(credentials::headers).build());
        }
        return probe;
    }

    /** The job dispatcher: the state table and ECS (issue 11). */
    synchronized io.quantsinfra.core.job.JobDispatcher jobDispatcher() {
        if (jobDispatcher == null) {
            AwsSettings s = clients.settings();
            ecs = ecs != null ? ecs : clients.ecs();
            jobDispatcher = new io.quantsinfra.core.job.JobDispatcher(jobStore(), new io.quantsinfra.aws.ecs.EcsJobRunner(ecs, s),
                    s.jobSettings(), clock);
        }
        return jobDispatcher;
    }

    /** What records ECS task state changes of job tasks. */
    synchronized io.quantsinfra.core.job.JobEvents jobEvents() {
        if (jobEvents == null) {
            AwsSettings s = clients.settings();
            ecs = ecs != null ? ecs : clients.ecs();
            jobEvents = new io.quantsinfra.core.job.JobEvents(jobStore(), new io.quantsinfra.aws.ecs.EcsJobRunner(ecs, s),
                    s.jobSettings(), clock);
        }
        return jobEvents;
    }

    /**
     * Publishes the age of the oldest job ready to start (0 when none is) as
     * {@value io.quantsinfra.aws.telemetry.ControlPlaneMetrics#JOBS_OLDEST_READY}: the stuck-pending alarm's metric.
     * The oldest among the first 100 in start order (a Query page; higher priorities come first, so an older job of
     * a lower priority behind 100 ready ones is not seen — then the queue is stuck anyway). Returns the age published.
     */
    synchronized long publishOldestReadyAge() {
        java.time.Instant now = clock.instant();
        long age = jobStore().ready(now, 100).stream().map(io.quantsinfra.core.job.Job::createdAt)
                .min(java.util.Comparator.naturalOrder())
                .map(t -> Math.max(0, java.time.Duration.between(t, now).toSeconds())).orElse(0L);
        if (metricsPublisher == null) {
            jobMetricsClient = clients.cloudWatch();
            metricsPublisher = new io.quantsinfra.aws.cloudwatch.CloudWatchMetricSource(jobMetricsClient);
        }
        metricsPublisher.publish(io.quantsinfra.aws.telemetry.ControlPlaneMetrics.NAMESPACE, List.of(
                new MetricPublisher.Datum(io.quantsinfra.aws.telemetry.ControlPlaneMetrics.JOBS_OLDEST_READY, Map.of(), age, now)));
        return age;
    }

    private MetricPublisher metricsPublisher;
    private software.amazon.awssdk.services.cloudwatch.CloudWatchClient jobMetricsClient;

    private io.quantsinfra.aws.dynamodb.DynamoDbJobStore jobStore() {
        AwsSettings s = clients.settings();
        return new io.quantsinfra.aws.dynamodb.DynamoDbJobStore(clients.dynamoDb(), s.table(), s.jobSettings().finishedRetention());
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
            metricsClient.close();
        }
        if (ecs != null) {
            ecs.close();
        }
        if (jobMetricsClient != null) {
            jobMetricsClient.close();
        }
        clients.close();
    }
}
