package io.quantsinfra.core.selfcheck;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What {@link ControlPlaneHealth#report()} found: the overall {@link Status}, when, and each check. A dependency
 * check has a latency; a schedule's heartbeat has its last run and age (both {@code null} when it never ran).
 *
 * {@snippet :
 * ControlPlaneReport r = health.report();
 * int httpStatus = r.status() == ControlPlaneReport.Status.UNHEALTHY ? 503 : 200;
 * }
 */
public record ControlPlaneReport(Status status, Instant at, List<Check> checks) {
    public ControlPlaneReport {
        checks = List.copyOf(checks);
    }

    /** The control plane's health: unhealthy when a critical dependency fails, degraded when anything else does. */
    public enum Status {
        HEALTHY, DEGRADED, UNHEALTHY;

        /** As the API and the CLI spell it. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One check's outcome: a dependency answers ({@code ok}) or not ({@code failed}); a heartbeat is {@code stale}. */
    public enum CheckStatus {
        OK, FAILED, STALE;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One check. {@code latencyMs} for a dependency; {@code lastRun} and {@code ageSeconds} for a heartbeat that has
     * run; {@code heartbeat} tells them apart.
     */
    public record Check(String name, CheckStatus status, String detail, Long latencyMs, boolean heartbeat,
                        Instant lastRun, Long ageSeconds) {
        static Check dependency(String name, CheckStatus status, String detail, long latencyMs) {
            return new Check(name, status, detail, latencyMs, false, null, null);
        }

        static Check heartbeat(String name, CheckStatus status, String detail, Instant lastRun, Long ageSeconds) {
            return new Check(name, status, detail, null, true, lastRun, ageSeconds);
        }
    }
}
