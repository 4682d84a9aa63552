package io.quantsinfra.core.servicemetrics;

import io.quantsinfra.core.catalog.ServiceType;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.health.HealthEndpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Port: reads one instance's own metrics at the address the health probe just reached. {@link ServiceMetricsScraper}
 * is the HTTP one; {@link #NONE} reads nothing.
 */
@FunctionalInterface
public interface ServiceMetrics {
    /** Reads nothing: for wiring without service metrics. */
    ServiceMetrics NONE = (target, now) -> Scraped.NOTHING;

    /**
     * What to read: the instance, its catalogue type, its health endpoints (which carry the ports) and the task
     * address the probe used (a private task IP, never a name).
     */
    record Target(InstanceId instance, ServiceType type, List<HealthEndpoint> endpoints, String address) {
        public Target {
            endpoints = List.copyOf(endpoints);
        }
    }

    /**
     * Values by metric name, and what went wrong (per call, e.g. {@code /api/v1/trades answered HTTP 401}): a failed
     * call costs its metrics only. Problems never carry a credential or a body.
     */
    record Scraped(Map<String, Double> values, List<String> problems) {
        public static final Scraped NOTHING = new Scraped(Map.of(), List.of());

        public Scraped {
            values = Map.copyOf(values);
            problems = List.copyOf(problems);
        }
    }

    /** Reads {@code target}; never throws for a failed call (that is a problem in the result). */
    Scraped scrape(Target target, Instant now);
}
