package io.quantsinfra.cdk.shared;

/**
 * Names of the control plane's own metrics (namespace {@link SharedNames#METRICS_NAMESPACE}) the dashboard
 * shows. No handler publishes them yet: the deploy counters belong to the API, the others to the scheduled
 * handlers of issue 3. When they land, these constants move to {@code functions/} (next to the code that
 * publishes them) and this class reads them from there.
 */
public final class ControlPlaneMetrics {
    public static final String DEPLOYMENTS = "Deployments";
    public static final String DEPLOYMENT_FAILURES = "DeploymentFailures";
    public static final String ALERT_EVALUATIONS = "AlertEvaluations";
    public static final String NOTIFICATIONS_SENT = "NotificationsSent";
    public static final String NOTIFICATIONS_FAILED = "NotificationsFailed";
    public static final String INSTANCES_HEALTHY = "InstancesHealthy";
    public static final String INSTANCES_DEGRADED = "InstancesDegraded";
    public static final String INSTANCES_UNHEALTHY = "InstancesUnhealthy";

    private ControlPlaneMetrics() {
    }
}
