package io.quantsinfra.core.status;

import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.health.HealthFacts;
import java.time.Instant;
import java.util.List;

/**
 * Port: gathers the facts health is judged on for one instance: what the platform says about its service
 * and tasks, and what probing {@code endpoints} on a running task found.
 */
public interface HealthFactsSource {
    HealthFacts gather(InstanceId instance, List<HealthEndpoint> endpoints, Instant now);
}
