package io.quantsinfra.core.history;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a service's deployment history: who did what, when, what changed, and how it ended.
 *
 * @param action deploy, scale, start, stop, restart or destroy
 * @param result succeeded, unchanged or failed
 * @param changes human-readable lines, e.g. {@code data-collector-1: environment.COLLECTOR_INTERVAL 5 → 10}
 */
public record DeploymentRecord(
        String id,
        String service,
        String actor,
        Instant at,
        String action,
        String result,
        List<String> instances,
        List<String> changes) {
    public DeploymentRecord {
        instances = List.copyOf(instances);
        changes = List.copyOf(changes);
    }
}
