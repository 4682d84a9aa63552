package io.quantsinfra.api.telemetry;

import io.quantsinfra.aws.AwsSettings;
import java.util.Map;

/**
 * The one switch: Micronaut's metrics follow {@link AwsSettings#metrics()} ({@code QUANTS_INFRA_METRICS}). Off,
 * no metrics bean exists (no HTTP filter, no registry, no PutMetricData); on, the registry of {@link MetricsBeans}
 * is the only one the meters go to. Whoever builds the application context passes these properties.
 *
 * {@snippet :
 * ApplicationContext context = ApplicationContext.builder().properties(ApiMetrics.properties(settings)).start();
 * }
 */
public final class ApiMetrics {
    /** Micronaut's switch for everything metrics ({@code @RequiresMetrics}). */
    public static final String ENABLED = "micronaut.metrics.enabled";

    private ApiMetrics() {
    }

    /** The Micronaut properties for these settings. */
    public static Map<String, Object> properties(AwsSettings settings) {
        return properties(settings.metrics());
    }

    public static Map<String, Object> properties(boolean on) {
        return Map.of(ENABLED, on);
    }
}
