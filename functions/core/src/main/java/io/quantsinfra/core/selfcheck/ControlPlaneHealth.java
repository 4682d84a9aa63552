package io.quantsinfra.core.selfcheck;

import io.quantsinfra.core.evaluation.Heartbeats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Map<String, Object> report = health.report();   // {"status": "healthy", "checks": [...]}
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

    public Map<String, Object> report() {
        List<Map<String, Object>> results = new ArrayList<>();
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
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("name", c.name());
                try {
                    String detail = futures.get(i).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    r.put("status", "ok");
                    r.put("detail", detail);
                } catch (TimeoutException e) {
                    futures.get(i).cancel(true);
                    r.put("status", "failed");
                    r.put("detail", "no answer within " + TIMEOUT.toMillis() + " ms");
                } catch (Exception e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    r.put("status", "failed");
                    r.put("detail", cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
                }
                r.put("latencyMs", (System.nanoTime() - starts.get(i)) / 1_000_000);
                if (!"ok".equals(r.get("status"))) {
                    anyFailed = true;
                    criticalFailed |= c.critical();
                }
                results.add(r);
            }
        }
        Instant now = clock.instant();
        for (String beat : List.of(Heartbeats.EVALUATION, Heartbeats.PROBE)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", beat.equals(Heartbeats.EVALUATION) ? "alert-evaluation" : "health-probe");
            try {
                Instant last = heartbeats.last(beat).orElse(null);
                long age = last == null ? -1 : Duration.between(last, now).toSeconds();
                boolean fresh = last != null && Duration.between(last, now).compareTo(STALE) <= 0;
                r.put("status", fresh ? "ok" : "stale");
                r.put("lastRun", last == null ? null : last.toString());
                r.put("ageSeconds", last == null ? null : age);
                r.put("detail", last == null ? "has never run (schedules do not fire in local mode: run it with the CLI)"
                        : fresh ? "ran " + age + " s ago" : "last ran " + age + " s ago, more than " + STALE.toMinutes() + " min");
                anyFailed |= !fresh;
            } catch (RuntimeException e) {
                r.put("status", "failed");
                r.put("detail", e.getMessage());
                anyFailed = true;
            }
            results.add(r);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", criticalFailed ? "unhealthy" : anyFailed ? "degraded" : "healthy");
        out.put("at", now.toString());
        out.put("checks", results);
        return out;
    }
}
