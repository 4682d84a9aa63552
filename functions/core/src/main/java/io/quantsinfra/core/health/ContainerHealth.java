package io.quantsinfra.core.health;

import java.util.Locale;

/**
 * Health of a task or container as ECS reports it from the container health check.
 * {@code UNKNOWN} also covers containers that have no health check.
 *
 * {@snippet :
 * ContainerHealth h = ContainerHealth.parse("UNHEALTHY"); // UNHEALTHY
 * ContainerHealth none = ContainerHealth.parse(null);     // UNKNOWN
 * }
 */
public enum ContainerHealth {
    HEALTHY,
    UNHEALTHY,
    UNKNOWN;

    /** Reads the ECS string; {@code null}, blank or an unrecognised value is {@link #UNKNOWN}. */
    public static ContainerHealth parse(String value) {
        if (value == null || value.isBlank()) {
            return UNKNOWN;
        }
        return switch (value.trim().toUpperCase(Locale.ROOT)) {
            case "HEALTHY" -> HEALTHY;
            case "UNHEALTHY" -> UNHEALTHY;
            default -> UNKNOWN;
        };
    }
}
