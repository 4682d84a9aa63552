package io.quantsinfra.scheduled;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.quantsinfra.core.job.DispatchReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda handler, scheduled {@code rate(1 minute)} and invoked asynchronously by the API right after a publish: one
 * dispatch cycle — reconcile running attempts from DescribeTasks, stop timed-out tasks, expire what expired, start
 * ready jobs (highest priority, then oldest) up to the concurrency, none past {@link InvocationDeadline} (the
 * invocation's remaining time less a margin; what is left waits for the next cycle). Overlapping invocations are safe: an attempt is
 * claimed by a conditional write, and RunTask's client token makes a retried start return the same task. Output:
 * the cycle's report, also logged as one JSON line.
 *
 * <p>Handler: {@code io.quantsinfra.scheduled.JobDispatchHandler::handleRequest}.
 */
public final class JobDispatchHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final ScheduledWiring wiring;

    public JobDispatchHandler() {
        this(ScheduledWiring.fromEnvironment(System.getenv()));
    }

    public JobDispatchHandler(ScheduledWiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try {
            java.time.Instant deadline = InvocationDeadline.of(wiring.clock(), context);
            DispatchReport r = wiring.jobDispatcher().dispatch(deadline);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("started", r.started());
            out.put("expired", r.expired());
            out.put("timedOut", r.timedOut());
            out.put("reconciled", r.reconciled());
            out.put("startFailed", r.startFailed());
            out.put("lostRaces", r.lostRaces());
            out.put("running", r.running());
            out.put("left", r.left());
            out.put("deadline", deadline.toString());
            out.put("oldestReadySeconds", oldestReady());
            out.put("trigger", trigger(event));
            System.out.println(Json.line("job-dispatch", out));
            return out;
        } finally {
            wiring.flushMetrics();
        }
    }

    /** The stuck-pending metric; a failure to publish it is reported, never thrown (the cycle's work stands). */
    private Object oldestReady() {
        try {
            return wiring.publishOldestReadyAge();
        } catch (RuntimeException e) {
            return "not published: " + e.getClass().getSimpleName();
        }
    }

    /** The schedule's rule, or the API's publish ({@code "source": "quants-infra.publish"}), or a manual invoke. */
    static String trigger(Map<String, Object> event) {
        if (event != null && "quants-infra.publish".equals(event.get("source"))) {
            return "publish";
        }
        return ScheduledEvents.rule(event);
    }
}
