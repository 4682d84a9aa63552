package io.quantsinfra.core.status;

/**
 * One line of {@code status}: the instance, its health (healthy, degraded, unhealthy or unknown), counts,
 * what it runs, where, and its rollout.
 */
public record InstanceStatus(String instance, String service, String health, int desired, int running, int pending,
                             String taskDefinition, int revision, String host, String rollout, String rolloutReason,
                             String message) {}
