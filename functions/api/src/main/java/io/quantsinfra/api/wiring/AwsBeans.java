package io.quantsinfra.api.wiring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.AwsWiring;
import io.quantsinfra.aws.freqtrade.EcsBotLocator;
import io.quantsinfra.aws.secretsmanager.SecretsManagerStore;
import io.quantsinfra.aws.telemetry.FlushingCloudWatchMeterRegistry;
import io.quantsinfra.aws.telemetry.MicrometerTelemetry;
import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.bot.TradeGuard;
import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.deploy.ContainerPlatform;
import io.quantsinfra.core.deploy.LifecycleService;
import io.quantsinfra.core.deploy.NetworkDirectory;
import io.quantsinfra.core.history.StateStore;
import io.quantsinfra.core.logs.LogSource;
import io.quantsinfra.core.monitor.MonitorFiles;
import io.quantsinfra.core.monitor.ScrapeTargetService;
import io.quantsinfra.core.secret.SecretResolver;
import io.quantsinfra.core.secret.SecretService;
import io.quantsinfra.core.selfcheck.ControlPlaneHealth;
import io.quantsinfra.core.status.HealthFactsSource;
import io.quantsinfra.core.status.StatusService;
import io.quantsinfra.core.telemetry.Telemetry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Hands the core's services, as {@link AwsWiring} builds them for every handler, to the controllers as beans.
 * Settings come from environment variables ({@link AwsSettings#VARIABLES}); local mode and tests lay a
 * {@link SettingsOverlay} over them before the context starts. Every bean is a singleton created on first use.
 */
@Factory
final class AwsBeans {

    @Singleton
    AwsSettings settings(Optional<SettingsOverlay> overlay) {
        return AwsSettings.from(environment(overlay));
    }

    @Singleton
    @Bean(preDestroy = "close")
    AwsWiring wiring(AwsSettings settings, Optional<SettingsOverlay> overlay, Clock clock, BeanProvider<Telemetry> telemetry) {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("io.quantsinfra.alerting");
        return AwsWiring.builder(settings).clock(clock).interceptors(overlay.orElse(SettingsOverlay.NONE).interceptors())
                .telemetry(telemetry::get).notices(log::info)
                .botApiHost(environment(overlay).get(EcsBotLocator.BOT_API_HOST)).build();
    }

    private static Map<String, String> environment(Optional<SettingsOverlay> overlay) {
        return overlay.orElse(SettingsOverlay.NONE).apply(System.getenv());
    }

    @Singleton
    AwsClients clients(AwsWiring wiring) {
        return wiring.clients();
    }

    @Singleton
    EcsClient ecs(AwsWiring wiring) {
        return wiring.clients().ecs();
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
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    ContainerPlatform platform(AwsWiring wiring) {
        return wiring.platform();
    }

    @Singleton
    NetworkDirectory network(AwsWiring wiring) {
        return wiring.network();
    }

    @Singleton
    StateStore state(AwsWiring wiring) {
        return wiring.state();
    }

    @Singleton
    SecretResolver secrets(AwsWiring wiring) {
        return wiring.secretResolver();
    }

    @Singleton
    LogSource logs(AwsWiring wiring) {
        return wiring.logs();
    }

    @Singleton
    HealthFactsSource healthFacts(AwsWiring wiring) {
        return wiring.healthFacts();
    }

    @Singleton
    StatusService status(AwsWiring wiring) {
        return wiring.status();
    }

    @Singleton
    Alerting alerting(AwsWiring wiring) {
        return wiring.alerting();
    }

    @Singleton
    ControlPlaneHealth controlPlaneHealth(AwsWiring wiring) {
        return wiring.controlPlaneHealth();
    }

    @Singleton
    ServiceCatalog catalog(AwsWiring wiring) {
        return wiring.catalog();
    }

    @Singleton
    MonitorFiles monitorFiles(AwsWiring wiring) {
        return wiring.monitorFiles();
    }

    @Singleton
    ScrapeTargetService scrapeTargets(AwsWiring wiring) {
        return wiring.scrapeTargets();
    }

    @Singleton
    SecretsManagerStore secretStore(AwsWiring wiring) {
        return wiring.secretStore();
    }

    @Singleton
    SecretService secretService(AwsWiring wiring) {
        return wiring.secretService();
    }

    @Singleton
    TradeGuard tradeGuard(AwsWiring wiring) {
        return wiring.tradeGuard();
    }

    @Singleton
    LifecycleService lifecycle(AwsWiring wiring) {
        return wiring.lifecycle();
    }
}
