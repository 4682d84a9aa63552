package io.quantsinfra.core.evaluation;

import io.quantsinfra.core.metrics.PrometheusQuery;
import io.quantsinfra.core.promql.Sample;
import io.quantsinfra.core.rule.AlertRule;
import io.quantsinfra.core.rule.RuleGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A cycle's questions to the monitor's Prometheus: one instant query per due rule it evaluates, at most
 * {@link #PARALLEL} at once on virtual threads, each within {@link #TIMEOUT}, all within {@link #BUDGET} (or less when
 * the cycle has less time). Each rule id maps to its samples, or to why it has none (that rule's error this cycle).
 *
 * {@snippet :
 * Map<String, Object> answers = PrometheusAnswers.ask(prometheus, dueGroups, now, Duration.ofSeconds(12));
 * }
 */
final class PrometheusAnswers {
    /** At most this many queries run at once. */
    static final int PARALLEL = 8;
    /** The longest one query may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** The longest all of a cycle's queries may take together. */
    static final Duration BUDGET = Duration.ofSeconds(10);
    /** No query starts with less time than this left. */
    static final Duration MIN_TIME = Duration.ofMillis(250);

    private PrometheusAnswers() {}

    /** @param share the most this cycle gives the queries (capped at {@link #BUDGET}) */
    static Map<String, Object> ask(PrometheusQuery prometheus, List<RuleGroup> due, Instant now, Duration share) {
        Map<String, AlertRule> asked = new LinkedHashMap<>();
        for (RuleGroup g : due) {
            for (AlertRule r : g.rules()) {
                if (r.byPrometheus()) {
                    asked.putIfAbsent(r.id(), r);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (asked.isEmpty()) {
            return out;
        }
        Duration budget = share.compareTo(BUDGET) < 0 ? share : BUDGET;
        long end = System.nanoTime() + Math.max(0, budget.toNanos());
        Semaphore permits = new Semaphore(PARALLEL);
        Map<String, Future<List<Sample>>> running = new LinkedHashMap<>();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (AlertRule r : asked.values()) {
                running.put(r.id(), threads.submit(() -> one(prometheus, r, now, end, permits)));
            }
            for (Map.Entry<String, Future<List<Sample>>> e : running.entrySet()) {
                out.put(e.getKey(), answer(e.getValue(), end, budget));
            }
        } finally {
            threads.shutdownNow();
        }
        return out;
    }

    private static List<Sample> one(PrometheusQuery prometheus, AlertRule r, Instant now, long end, Semaphore permits)
            throws InterruptedException {
        long wait = end - System.nanoTime() - MIN_TIME.toNanos();
        if (wait <= 0 || !permits.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
            throw new PrometheusQuery.Failure(outOfTime());
        }
        try {
            long remaining = end - System.nanoTime();
            if (remaining < MIN_TIME.toNanos()) {
                throw new PrometheusQuery.Failure(outOfTime());
            }
            Duration timeout = Duration.ofNanos(Math.min(remaining, TIMEOUT.toNanos()));
            return List.copyOf(prometheus.query(r.exprText(), now, timeout));
        } finally {
            permits.release();
        }
    }

    /** The samples, or the message of why there are none; a query still running at {@code end} is cut off. */
    private static Object answer(Future<List<Sample>> f, long end, Duration budget) {
        try {
            return f.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException x) {
            f.cancel(true);
            return "the monitor's Prometheus did not answer within the cycle's " + budget.toMillis()
                    + " ms for its queries; cut off";
        } catch (ExecutionException x) {
            return x.getCause() instanceof PrometheusQuery.Failure failure ? failure.getMessage()
                    : "the query to the monitor's Prometheus failed (" + x.getCause().getClass().getSimpleName() + ")";
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the monitor's Prometheus";
        }
    }

    private static String outOfTime() {
        return "no time was left in the cycle's budget for the monitor's Prometheus (" + BUDGET.toSeconds()
                + " s for all its rules, " + PARALLEL + " queries at once); the rule is tried again next cycle";
    }
}
