package io.quantsinfra.api.wiring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.dynamodb.DynamoDbStateStore;
import io.quantsinfra.aws.ecs.EcsHealthSource;
import io.quantsinfra.aws.ecs.EcsPlatform;
import io.quantsinfra.aws.telemetry.FlushingCloudWatchMeterRegistry;
import io.quantsinfra.aws.telemetry.MicrometerTelemetry;
import io.quantsinfra.core.telemetry.Telemetry;
import io.quantsinfra.core.health.HealthRules;
import io.quantsinfra.core.status.HealthFactsSource;
import io.quantsinfra.core.status.ProbeCredentials;
import io.quantsinfra.core.status.StatusService;
import io.quantsinfra.aws.logs.CloudWatchLogsSource;
import io.quantsinfra.aws.secretsmanager.SecretsManagerResolver;
import io.quantsinfra.aws.secretsmanager.SecretsManagerStore;
import io.quantsinfra.core.secret.SecretService;
import io.quantsinfra.core.secret.SecretTest;
import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.deploy.ConfiguredNetwork;
import io.quantsinfra.core.deploy.ContainerPlatform;
import io.quantsinfra.core.deploy.LifecycleService;
import io.quantsinfra.core.deploy.NetworkDirectory;
import io.quantsinfra.core.history.StateStore;
import io.quantsinfra.core.logs.LogSource;
import io.quantsinfra.core.secret.SecretResolver;
import jakarta.inject.Singleton;
import io.quantsinfra.aws.dynamodb.DynamoDbLease;
import io.quantsinfra.aws.dynamodb.DynamoDbScrapeTargetStore;
import io.quantsinfra.aws.s3.S3MonitorConfigPublisher;
import io.quantsinfra.core.monitor.PrometheusConfig;
import io.quantsinfra.core.monitor.ScrapeTargetService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Wires the core's ports to the AWS adapters. Settings come from environment variables
 * ({@link AwsSettings#VARIABLES}); local mode sets them for the emulator before the context starts.
 */
@Factory
final class AwsBeans {

    @Singleton
    AwsSettings settings(Optional<SettingsOverlay> overlay) {
        return AwsSettings.from(overlay.orElse(SettingsOverlay.NONE).apply(System.getenv()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    AwsClients clients(AwsSettings settings, Optional<SettingsOverlay> overlay) {
        return new AwsClients(settings, overlay.orElse(SettingsOverlay.NONE).interceptors());
    }

    @Singleton
    @Bean(preDestroy = "close")
    EcsClient ecs(AwsClients clients) {
        return clients.ecs();
    }

    @Singleton
    ContainerPlatform platform(EcsClient ecs, AwsSettings settings) {
        return new EcsPlatform(ecs, settings);
    }

    @Singleton
    NetworkDirectory network(AwsSettings settings) {
        return new ConfiguredNetwork(settings.subnetZones());
    }

    @Singleton
    StateStore state(AwsClients clients, AwsSettings settings) {
        return new DynamoDbStateStore(clients.dynamoDb(), settings.table());
    }

    @Singleton
    SecretResolver secrets(AwsClients clients, AwsSettings settings) {
        return new SecretsManagerResolver(clients.secretsManager(), settings.secretPrefix(), settings.kmsKeyId());
    }

    @Singleton
    LogSource logs(AwsClients clients) {
        return new CloudWatchLogsSource(clients.logs());
    }

    @Singleton
    HealthFactsSource healthFacts(EcsClient ecs, AwsSettings settings, ServiceCatalog catalog, StateStore state,
                                  SecretsManagerStore secrets) {
        return new EcsHealthSource(ecs, settings.cluster(), EcsHealthSource.probe(settings),
                new ProbeCredentials(catalog, state, secrets, secrets));
    }

    @Singleton
    StatusService status(ServiceCatalog catalog, LifecycleService lifecycle, StateStore state, HealthFactsSource facts,
                         Clock clock) {
        return new StatusService(catalog, lifecycle, state, facts, HealthRules.defaults(), clock);
    }

    @Singleton
    io.quantsinfra.core.alerting.Alerting alerting(AwsClients clients, Clock clock, Telemetry telemetry,
                                                   io.quantsinfra.core.monitor.MonitorFiles monitorFiles) {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("io.quantsinfra.alerting");
        // Applied or deleted rule files are republished to the monitor's rules/ at once.
        return io.quantsinfra.core.alerting.Alerting.create(io.quantsinfra.aws.monitor.AwsMonitor.publishingRules(
                        io.quantsinfra.aws.alerting.AwsAlerting.ports(clients), clients.settings().monitorBucket(),
                        () -> monitorFiles),
                io.quantsinfra.aws.alerting.AwsAlerting.options(clients, clock)
                        .withLogger(log::info).withTelemetry(telemetry));
    }

    /**
     * Deploys, evaluations and notifications as metrics when metrics are on (the flushed CloudWatch registry exists,
     * see {@code telemetry/}); recorded through Micronaut's registry so its filters apply. Off: dropped.
     */
    @Singleton
    Telemetry telemetry(Optional<FlushingCloudWatchMeterRegistry> cloudWatch, BeanProvider<MeterRegistry> registry) {
        return cloudWatch.isPresent() ? new MicrometerTelemetry(registry.get()) : Telemetry.NONE;
    }

    @Singleton
    io.quantsinfra.core.selfcheck.ControlPlaneHealth controlPlaneHealth(AwsClients clients,
                                                                      io.quantsinfra.core.alerting.Alerting alerting, Clock clock) {
        return new io.quantsinfra.core.selfcheck.ControlPlaneHealth(io.quantsinfra.aws.AwsSelfChecks.checks(clients),
                alerting.ports().heartbeats(), clock);
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    ServiceCatalog catalog() {
        return ServiceCatalog.standard();
    }

    @Singleton
    io.quantsinfra.core.monitor.MonitorFiles monitorFiles(AwsClients clients, EcsClient ecs, ContainerPlatform platform) {
        return io.quantsinfra.aws.monitor.AwsMonitor.files(clients, ecs, platform);
    }

    @Singleton
    ScrapeTargetService scrapeTargets(AwsClients clients, AwsSettings settings,
                                      io.quantsinfra.core.monitor.MonitorFiles monitorFiles) {
        return new ScrapeTargetService(new DynamoDbScrapeTargetStore(clients.dynamoDb(), settings.table()), monitorFiles);
    }

    @Singleton
    SecretsManagerStore secretStore(AwsClients clients, AwsSettings settings) {
        return new SecretsManagerStore(clients.secretsManager(), settings.secretPrefix(), settings.kmsKeyId());
    }

    @Singleton
    SecretService secretService(SecretsManagerStore store, ContainerPlatform platform, StateStore state,
                                AwsSettings settings, Clock clock, ServiceCatalog catalog,
                                io.quantsinfra.core.bot.TradeGuard guard) {
        // consumers of a changed secret restart; a bot among them is told to stop entries first
        return new SecretService(store, store, platform, state, SecretTest.ACCEPT, settings.secretPrefix(), clock,
                new io.quantsinfra.core.deploy.BotRestarts(catalog, state, guard));
    }

    /**
     * Asked before a bot's task stops: its REST API (logged in as the health probe does) at its running task's
     * address, or in local mode at {@code QUANTS_INFRA_BOT_API_HOST} (loopback only).
     */
    @Singleton
    io.quantsinfra.core.bot.TradeGuard tradeGuard(EcsClient ecs, AwsSettings settings, ServiceCatalog catalog,
                                                  StateStore state, SecretsManagerStore secrets, Clock clock,
                                                  Optional<SettingsOverlay> overlay) {
        String localHost = overlay.orElse(SettingsOverlay.NONE).apply(System.getenv())
                .get(io.quantsinfra.aws.freqtrade.EcsBotLocator.BOT_API_HOST);
        return io.quantsinfra.aws.freqtrade.BotGuards.of(ecs, settings, catalog, state, secrets, secrets, clock, localHost);
    }

    @Singleton
    LifecycleService lifecycle(ServiceCatalog catalog, ContainerPlatform platform, NetworkDirectory network,
                               StateStore state, SecretResolver secrets, SecretsManagerStore secretStore,
                               AwsSettings settings, Clock clock, ScrapeTargetService scrapeTargets, AwsClients clients,
                               Telemetry telemetry, io.quantsinfra.core.bot.TradeGuard guard) {
        return new LifecycleService(catalog, platform, network, state, secrets, secretStore, settings.platformContext(),
                clock, 4, List.of(scrapeTargets), new DynamoDbLease(clients.dynamoDb(), settings.table()), telemetry, guard);
    }
}
