package io.quantsinfra.api.telemetry;

import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.configuration.metrics.micrometer.ExportConfigurationProperties;
import io.micronaut.configuration.metrics.micrometer.cloudwatch.CloudWatchMeterRegistryFactory;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.telemetry.ControlPlaneMetrics;
import io.quantsinfra.aws.telemetry.FlushingCloudWatchMeterRegistry;
import io.quantsinfra.aws.telemetry.SyncCloudWatchAsyncClient;
import jakarta.inject.Singleton;
import java.util.Properties;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * What micronaut-micrometer's CloudWatch registry factory would build, built for a Lambda: the async client over
 * the url-connection client (no Netty), and the registry flushed on demand instead of every minute from a thread.
 * Configured as the factory is, under {@code micronaut.metrics.export.cloudwatch.*}; the namespace defaults to
 * {@code QuantsInfra} (not the factory's {@code micronaut}), the only one the IAM policy allows.
 */
@Factory
// Not @RequiresMetrics: it also requires a MeterRegistry bean, and this factory makes one (a condition loop).
@Requires(property = ApiMetrics.ENABLED, notEquals = StringUtils.FALSE)
@Requires(property = CloudWatchMeterRegistryFactory.CLOUDWATCH_ENABLED, notEquals = StringUtils.FALSE)
final class MetricsBeans {

    @Singleton
    @Bean(preDestroy = "close")
    @Replaces(factory = CloudWatchMeterRegistryFactory.class, bean = CloudWatchAsyncClient.class)
    CloudWatchAsyncClient cloudWatchAsyncClient(AwsClients clients) {
        return new SyncCloudWatchAsyncClient(clients.cloudWatch());
    }

    @Singleton
    @Replaces(factory = CloudWatchMeterRegistryFactory.class, bean = CloudWatchMeterRegistry.class)
    FlushingCloudWatchMeterRegistry cloudWatchMeterRegistry(ExportConfigurationProperties export, CloudWatchAsyncClient client) {
        Properties p = export.getExport();
        CloudWatchConfig config = key -> key.equals("cloudwatch.namespace")
                ? p.getProperty(key, ControlPlaneMetrics.NAMESPACE) : p.getProperty(key);
        return new FlushingCloudWatchMeterRegistry(config, Clock.SYSTEM, client);
    }

    @Singleton
    MeterFilter controlPlaneMetricsOnly() {
        return new ApiRequestMeterFilter();
    }
}
