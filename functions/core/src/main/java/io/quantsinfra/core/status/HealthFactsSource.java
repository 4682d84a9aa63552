package io.quantsinfra.core.status;

import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.health.HealthFacts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Port: gathers the facts health is judged on for one instance: what the platform says about its service
 * and tasks, and what probing {@code endpoints} on a running task found.
 */
public interface HealthFactsSource {
    HealthFacts gather(InstanceId instance, List<HealthEndpoint> endpoints, Instant now);

    /**
     * The facts of many instances (each with the endpoints to probe), in the order given. Adapters answer it in
     * calls that do not grow per instance where the platform batches (the ECS adapter: services ten at a time, the
     * cluster's tasks in pages of a hundred); this default gathers one instance after the other.
     */
    default Map<InstanceId, HealthFacts> gatherAll(Map<InstanceId, List<HealthEndpoint>> targets, Instant now) {
        Map<InstanceId, HealthFacts> out = new LinkedHashMap<>();
        targets.forEach((id, endpoints) -> out.put(id, gather(id, endpoints, now)));
        return out;
    }
}
