package io.quantsinfra.aws;

import io.quantsinfra.aws.alerting.AwsAlerting;
import io.quantsinfra.aws.dynamodb.DynamoDbLease;
import io.quantsinfra.aws.dynamodb.DynamoDbScrapeTargetStore;
import io.quantsinfra.aws.dynamodb.DynamoDbStateStore;
import io.quantsinfra.aws.ecs.EcsHealthSource;
import io.quantsinfra.aws.ecs.EcsPlatform;
import io.quantsinfra.aws.ecs.TaskAddresses;
import io.quantsinfra.aws.freqtrade.BotGuards;
import io.quantsinfra.aws.logs.CloudWatchLogsSource;
import io.quantsinfra.aws.monitor.AwsMonitor;
import io.quantsinfra.aws.secretsmanager.SecretsManagerResolver;
import io.quantsinfra.aws.secretsmanager.SecretsManagerStore;
import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.bot.TradeGuard;
import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.deploy.BotRestarts;
import io.quantsinfra.core.deploy.ConfiguredNetwork;
import io.quantsinfra.core.deploy.ContainerPlatform;
import io.quantsinfra.core.deploy.LifecycleService;
import io.quantsinfra.core.deploy.NetworkDirectory;
import io.quantsinfra.core.health.HealthRules;
import io.quantsinfra.core.history.StateStore;
import io.quantsinfra.core.logs.LogSource;
import io.quantsinfra.core.metrics.MetricPublisher;
import io.quantsinfra.core.monitor.MonitorFiles;
import io.quantsinfra.core.monitor.ScrapeTargetService;
import io.quantsinfra.core.probe.HealthProbeService;
import io.quantsinfra.core.secret.SecretResolver;
import io.quantsinfra.core.secret.SecretService;
import io.quantsinfra.core.secret.SecretTest;
import io.quantsinfra.core.selfcheck.ControlPlaneHealth;
import io.quantsinfra.core.servicemetrics.ServiceMetricsScraper;
import io.quantsinfra.core.status.HealthFactsSource;
import io.quantsinfra.core.status.ProbeCredentials;
import io.quantsinfra.core.status.StatusService;
import io.quantsinfra.core.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The one place that builds the SDK clients and the core services over them, for every handler: the API's
 * Micronaut factory ({@code api/wiring/AwsBeans}) hands these out as beans, the scheduled handlers
 * ({@code ScheduledWiring}) and the rotation Lambda use them directly. Everything is built on first use and once per
 * wiring (a Lambda container keeps one): a handler pays only for the clients its invocation calls, and each service's
 * SDK client is built once ({@link AwsClients#shared}). What differs between handlers is passed in, never decided
 * here: the telemetry, where alert notices are logged, how task addresses are found, the bot API host of local mode.
 * {@link #effective()} lists the settings every handler must agree on; a test compares them across handlers.
 *
 * {@snippet :
 * AwsWiring wiring = AwsWiring.builder(AwsSettings.from(System.getenv())).build();
 * StatusService status = wiring.status();
 * }
 */
public final class AwsWiring implements AutoCloseable {
    private final AwsClients clients;
    private final Clock clock;
    private final Supplier<Telemetry> telemetry;
    private final Consumer<String> notices;
    private final TaskAddresses addresses;
    private final String botApiHost;
    private final Map<String, Object> built = new java.util.HashMap<>();

    private AwsWiring(Builder b) {
        this.clients = AwsClients.shared(b.settings, b.interceptors);
        this.clock = b.clock;
        this.telemetry = b.telemetry;
        this.notices = b.notices;
        this.addresses = b.addresses;
        this.botApiHost = b.botApiHost;
    }

    public static Builder builder(AwsSettings settings) {
        return new Builder(settings);
    }

    /**
     * What every handler's wiring must agree on, read back from what was built: the settings, the health-probe switch
     * and the egress policy they carry, retries, and the HTTP and SDK timeouts of the clients.
     */
    public record Effective(AwsSettings settings, boolean probeInstances, String egress, int retries, String region,
                            java.net.URI endpoint, Duration connectionTimeout, Duration socketTimeout,
                            Duration apiCallAttemptTimeout, Duration apiCallTimeout, boolean sharedClients) {}

    public Effective effective() {
        AwsSettings s = clients.settings();
        var override = clients.ecs().serviceClientConfiguration().overrideConfiguration();
        return new Effective(s, s.probeInstances(), s.egress().allowedText() + " / " + s.egress().vpcText(), s.retries(),
                clients.ecs().serviceClientConfiguration().region().id(), s.endpoint(), AwsClients.CONNECTION_TIMEOUT,
                AwsClients.SOCKET_TIMEOUT, override.apiCallAttemptTimeout().orElse(null),
                override.apiCallTimeout().orElse(null), clients.isShared());
    }

    public AwsSettings settings() {
        return clients.settings();
    }

    public AwsClients clients() {
        return clients;
    }

    public Clock clock() {
        return clock;
    }

    public Telemetry telemetry() {
        return telemetry.get();
    }

    public ServiceCatalog catalog() {
        return once("catalog", ServiceCatalog::standard);
    }

    public ContainerPlatform platform() {
        // one platform: its task-definition cache then serves every caller in the container
        return once("platform", () -> new EcsPlatform(clients.ecs(), settings()));
    }

    public NetworkDirectory network() {
        return once("network", () -> new ConfiguredNetwork(settings().subnetZones()));
    }

    public StateStore state() {
        return once("state", () -> new DynamoDbStateStore(clients.dynamoDb(), settings().table()));
    }

    public SecretsManagerStore secretStore() {
        return once("secretStore", () -> new SecretsManagerStore(clients.secretsManager(), settings().secretPrefix(),
                settings().kmsKeyId()));
    }

    public SecretResolver secretResolver() {
        return once("secretResolver", () -> new SecretsManagerResolver(clients.secretsManager(), settings().secretPrefix(),
                settings().kmsKeyId()));
    }

    public LogSource logs() {
        return once("logs", () -> new CloudWatchLogsSource(clients.logs()));
    }

    /** Health facts from ECS, probing over HTTP unless {@code QUANTS_INFRA_HEALTH_PROBE=false}, for every handler. */
    public HealthFactsSource healthFacts() {
        return once("healthFacts", () -> new EcsHealthSource(clients.ecs(), settings().cluster(),
                EcsHealthSource.probe(settings()), probeCredentials(), addresses));
    }

    public ProbeCredentials probeCredentials() {
        return once("probeCredentials", () -> new ProbeCredentials(catalog(), state(), secretStore(), secretStore()));
    }

    public StatusService status() {
        return once("status", () -> new StatusService(catalog(), lifecycle(), state(), healthFacts(), HealthRules.defaults(),
                clock));
    }

    /** Alerting over AWS; rule files applied or deleted are republished to the monitor's {@code rules/} at once. */
    public Alerting alerting() {
        return once("alerting", () -> Alerting.create(AwsMonitor.publishingRules(AwsAlerting.ports(clients),
                settings().monitorBucket(), this::monitorFiles), AwsAlerting.options(clients, clock)
                .withLogger(notices).withTelemetry(telemetry.get())));
    }

    public MonitorFiles monitorFiles() {
        return once("monitorFiles", () -> AwsMonitor.files(clients, clients.ecs(), platform()));
    }

    /** The monitor's files, or empty without a monitor bucket (nothing to publish to). */
    public Optional<MonitorFiles> monitorFilesIfPublished() {
        String bucket = settings().monitorBucket();
        return bucket == null || bucket.isBlank() ? Optional.empty() : Optional.of(monitorFiles());
    }

    public ScrapeTargetService scrapeTargets() {
        return once("scrapeTargets", () -> new ScrapeTargetService(
                new DynamoDbScrapeTargetStore(clients.dynamoDb(), settings().table()), monitorFiles()));
    }

    /**
     * Asked before a bot's task stops: its REST API (logged in as the health probe does) at its running task's
     * address, or in local mode at the configured bot API host (loopback only).
     */
    public TradeGuard tradeGuard() {
        return once("tradeGuard", () -> BotGuards.of(clients.ecs(), settings(), catalog(), state(), secretStore(),
                secretStore(), clock, botApiHost));
    }

    public SecretService secretService() {
        // consumers of a changed secret restart; a bot among them is told to stop entries first
        return once("secretService", () -> new SecretService(secretStore(), secretStore(), platform(), state(),
                SecretTest.ACCEPT, settings().secretPrefix(), clock, new BotRestarts(catalog(), state(), tradeGuard())));
    }

    public LifecycleService lifecycle() {
        return once("lifecycle", () -> new LifecycleService(catalog(), platform(), network(), state(), secretResolver(),
                secretStore(), settings().platformContext(), clock, 4, List.of(scrapeTargets()),
                new DynamoDbLease(clients.dynamoDb(), settings().table()), telemetry.get(), tradeGuard()));
    }

    public ControlPlaneHealth controlPlaneHealth() {
        return once("controlPlaneHealth", () -> new ControlPlaneHealth(AwsSelfChecks.checks(clients),
                alerting().ports().heartbeats(), clock));
    }

    /** The scheduled health probe: facts as {@link #healthFacts()}, published as metrics and heartbeats. */
    public HealthProbeService probe() {
        return once("probe", () -> {
            Alerting.Ports ports = alerting().ports();
            return new HealthProbeService(catalog(), platform(), state(), healthFacts(), HealthRules.defaults(),
                    (MetricPublisher) ports.metrics(), ports.heartbeats(), clock,
                    ServiceMetricsScraper.builder().headers(probeCredentials()::headers).build());
        });
    }

    /** The job queue's store: jobs and their attempts in the state table. */
    public io.quantsinfra.aws.dynamodb.DynamoDbJobStore jobStore() {
        return once("jobStore", () -> new io.quantsinfra.aws.dynamodb.DynamoDbJobStore(clients.dynamoDb(), settings().table(),
                settings().jobSettings().finishedRetention()));
    }

    /** Runs job tasks on ECS. */
    public io.quantsinfra.aws.ecs.EcsJobRunner jobRunner() {
        return once("jobRunner", () -> new io.quantsinfra.aws.ecs.EcsJobRunner(clients.ecs(), settings()));
    }

    /** The API's side of the job queue: publish, list, cancel. */
    public io.quantsinfra.core.job.JobService jobService() {
        return once("jobService", () -> new io.quantsinfra.core.job.JobService(jobStore(), jobRunner(), secretResolver(),
                settings().platformContext(), settings().jobSettings(), clock));
    }

    /** The dispatcher Lambda's: starts ready jobs within the concurrency limit. */
    public io.quantsinfra.core.job.JobDispatcher jobDispatcher() {
        return once("jobDispatcher", () -> new io.quantsinfra.core.job.JobDispatcher(jobStore(), jobRunner(),
                settings().jobSettings(), clock));
    }

    /** The job events Lambda's: records ECS task state changes of job tasks. */
    public io.quantsinfra.core.job.JobEvents jobEvents() {
        return once("jobEvents", () -> new io.quantsinfra.core.job.JobEvents(jobStore(), jobRunner(), settings().jobSettings(),
                clock));
    }

    /** CloudWatch metrics as the scheduled handlers publish them outside alerting (the job queue's age). */
    public MetricPublisher metricPublisher() {
        return once("metricPublisher", () -> new io.quantsinfra.aws.cloudwatch.CloudWatchMetricSource(clients.cloudWatch()));
    }

    @SuppressWarnings("unchecked")
    private synchronized <T> T once(String name, Supplier<T> build) {
        Object value = built.get(name);
        if (value == null) {
            // not computeIfAbsent: building one service asks for others, which would modify the map mid-compute
            value = build.get();
            built.put(name, value);
        }
        return (T) value;
    }

    /** Closes the SDK clients and their HTTP client. */
    @Override
    public void close() {
        clients.close();
    }

    /** What the handlers choose; everything else follows from the settings. */
    public static final class Builder {
        private final AwsSettings settings;
        private Clock clock = Clock.systemUTC();
        private List<ExecutionInterceptor> interceptors = List.of();
        private Supplier<Telemetry> telemetry = () -> Telemetry.NONE;
        private Consumer<String> notices = line -> {};
        private TaskAddresses addresses = TaskAddresses.ECS;
        private String botApiHost;

        private Builder(AwsSettings settings) {
            this.settings = settings;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Run on every AWS call of every client (tests count calls with an {@link AwsCallRecorder}). */
        public Builder interceptors(List<ExecutionInterceptor> interceptors) {
            this.interceptors = List.copyOf(interceptors);
            return this;
        }

        /** Where deploys, evaluations and notifications are recorded; asked when the first service needing it is built. */
        public Builder telemetry(Supplier<Telemetry> telemetry) {
            this.telemetry = telemetry;
            return this;
        }

        /** Where alerting's notices (a rule skipped, a notification dropped) are written. */
        public Builder notices(Consumer<String> notices) {
            this.notices = notices;
            return this;
        }

        /** How the probe finds an instance's address: {@link TaskAddresses#ECS}, or a loopback stand-in in tests. */
        public Builder taskAddresses(TaskAddresses addresses) {
            this.addresses = addresses;
            return this;
        }

        /** Local mode only: the host where bots' REST APIs answer (loopback); null on AWS. */
        public Builder botApiHost(String host) {
            this.botApiHost = host;
            return this;
        }

        public AwsWiring build() {
            return new AwsWiring(this);
        }
    }
}
