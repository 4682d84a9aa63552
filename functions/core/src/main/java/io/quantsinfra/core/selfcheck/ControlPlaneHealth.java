package io.quantsinfra.core.selfcheck;

import io.quantsinfra.core.evaluation.Heartbeats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs the checks in parallel (each bounded by {@link #TIMEOUT}) and reads the heartbeats. {@code unhealthy}
 * when a {@code critical} check fails (the state table: nothing works without it); {@code degraded} when
 * another check fails or a schedule has not run for {@link #STALE}; else {@code healthy}.
 *
 * {@snippet :
 * ControlPlaneReport report = health.report();   // status HEALTHY, checks [...]
 * }
 */
public final class ControlPlaneHealth {
    public static final Duration TIMEOUT = Duration.ofSeconds(3);
    public static final Duration STALE = Duration.ofMinutes(3);

    /** One dependency check: the probe returns a short detail or throws. */
    public record Check(String name, boolean critical, Supplier<String> probe) {}

    private final List<Check> checks;
    private final Heartbeats heartbeats;
    private final Clock clock;

    public ControlPlaneHealth(List<Check> checks, Heartbeats heartbeats, Clock clock) {
        this.checks = List.copyOf(checks);
        this.heartbeats = heartbeats;
        this.clock = clock;
    }

    public ControlPlaneReport report() {
        List<ControlPlaneReport.Check> results = new ArrayList<>();
        boolean criticalFailed = false;
        boolean anyFailed = false;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> futures = new ArrayList<>();
            List<Long> starts = new ArrayList<>();
            for (Check c : checks) {
                starts.add(System.nanoTime());
                futures.add(pool.submit(c.probe()::get));
            }
            for (int i = 0; i < checks.size(); i++) {
                Check c = checks.get(i);
                ControlPlaneReport.CheckStatus status;
                String detail;
                try {
                    detail = futures.get(i).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    status = ControlPlaneReport.CheckStatus.OK;
                } catch (TimeoutException e) {
                    futures.get(i).cancel(true);
                    status = ControlPlaneReport.CheckStatus.FAILED;
                    detail = "no answer within " + TIMEOUT.toMillis() + " ms";
                } catch (Exception e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    status = ControlPlaneReport.CheckStatus.FAILED;
                    detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
                }
                results.add(ControlPlaneReport.Check.dependency(c.name(), status, detail,
                        (System.nanoTime() - starts.get(i)) / 1_000_000));
                if (status != ControlPlaneReport.CheckStatus.OK) {
                    anyFailed = true;
                    criticalFailed |= c.critical();
                }
            }
        }
        Instant now = clock.instant();
        for (String beat : List.of(Heartbeats.EVALUATION, Heartbeats.PROBE)) {
            String name = beat.equals(Heartbeats.EVALUATION) ? "alert-evaluation" : "health-probe";
            try {
                Instant last = heartbeats.last(beat).orElse(null);
                long age = last == null ? -1 : Duration.between(last, now).toSeconds();
                boolean fresh = last != null && Duration.between(last, now).compareTo(STALE) <= 0;
                String detail = last == null ? "has never run (schedules do not fire in local mode: run it with the CLI)"
                        : fresh ? "ran " + age + " s ago" : "last ran " + age + " s ago, more than " + STALE.toMinutes() + " min";
                results.add(ControlPlaneReport.Check.heartbeat(name, fresh ? ControlPlaneReport.CheckStatus.OK
                        : ControlPlaneReport.CheckStatus.STALE, detail, last, last == null ? null : age));
                anyFailed |= !fresh;
            } catch (RuntimeException e) {
                results.add(ControlPlaneReport.Check.heartbeat(name, ControlPlaneReport.CheckStatus.FAILED, e.getMessage(),
                        null, null));
                anyFailed = true;
            }
        }
        return new ControlPlaneReport(criticalFailed ? ControlPlaneReport.Status.UNHEALTHY
                : anyFailed ? ControlPlaneReport.Status.DEGRADED : ControlPlaneReport.Status.HEALTHY, now, results);
    }
}
