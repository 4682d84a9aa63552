package io.quantsinfra.aws.telemetry;

import io.quantsinfra.core.metrics.CloudWatchNames;

/**
 * Names and dimensions of the control plane's own metrics, in namespace {@link #NAMESPACE}. Prometheus-style
 * names with the {@code quants_infra_} prefix, so alert rules can read them too ({@code CloudWatchNames} maps
 * {@code quants_infra_*} to this namespace). Timers are in milliseconds and published as raw values, so
 * CloudWatch has SampleCount (how many), Average, Minimum, Maximum and percentiles; counters are counts (Sum).
 *
 * {@snippet :
 * registry.timer(ControlPlaneMetrics.DEPLOY, ControlPlaneMetrics.RESULT, "changed").record(took);
 * }
 */
public final class ControlPlaneMetrics {
    /** Where they are published; the IAM policy allows PutMetricData only here. */
    public static final String NAMESPACE = CloudWatchNames.OWN_NAMESPACE;

    /** Timer, ms: one API request, by {@link #ROUTE} (the route template), {@link #METHOD}, {@link #STATUS} class. */
    public static final String API_REQUEST = "quants_infra_api_request_ms";
    /** Timer, ms: one deploy, by {@link #RESULT} (changed, unchanged, planned, rejected, failed). */
    public static final String DEPLOY = "quants_infra_deploy_ms";
    /** Timer, ms: one alert evaluation cycle, by {@link #OUTCOME} (evaluated, skipped, failed). */
    public static final String EVALUATION = "quants_infra_evaluation_ms";
    /** One value per evaluated cycle: rules with at least one firing alert. */
    public static final String RULES_FIRING = "quants_infra_rules_firing";
    /** One value per evaluated cycle: firing alerts. */
    public static final String ALERTS_FIRING = "quants_infra_alerts_firing";
    /** Counter: group notifications, by {@link #RECEIVER} and {@link #RESULT} (sent, failed, error). */
    public static final String NOTIFICATIONS = "quants_infra_notifications";

    /**
     * Age in seconds of the oldest job ready to start (0 when none waits), published by the job dispatcher after each
     * cycle through the metric publisher (not the registry, so not in {@link #ALL}); the stuck-pending alarm watches it.
     */
    public static final String JOBS_OLDEST_READY = "quants_infra_jobs_oldest_ready_seconds";
    public static final String ROUTE = "route";
    public static final String METHOD = "method";
    public static final String STATUS = "status";
    public static final String RESULT = "result";
    public static final String OUTCOME = "outcome";
    public static final String RECEIVER = "receiver";

    /** Every metric name above: what the registry publishes, nothing else. */
    public static final java.util.List<String> ALL = java.util.List.of(API_REQUEST, DEPLOY, EVALUATION, RULES_FIRING,
            ALERTS_FIRING, NOTIFICATIONS);

    private ControlPlaneMetrics() {
    }

    /** {@code 2xx}, {@code 4xx}, ... for an HTTP status code. */
    public static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    }
}
