package io.quantsinfra.core.health;

import io.quantsinfra.core.health.HealthReport.Status;

/** A status and the sentence that explains it; what one rule concludes. */
record Verdict(Status status, String message) {

    static Verdict healthy(String message) {
        return new Verdict(Status.HEALTHY, message);
    }

    static Verdict degraded(String message) {
        return new Verdict(Status.DEGRADED, message);
    }

    static Verdict unhealthy(String message) {
        return new Verdict(Status.UNHEALTHY, message);
    }

    static Verdict unknown(String message) {
        return new Verdict(Status.UNKNOWN, message);
    }
}
