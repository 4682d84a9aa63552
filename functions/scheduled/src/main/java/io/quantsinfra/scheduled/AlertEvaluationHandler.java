package io.quantsinfra.scheduled;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.quantsinfra.core.evaluation.CycleReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda handler, scheduled {@code rate(1 minute)}: one alert evaluation cycle (the lease keeps overlapping
 * invocations from evaluating twice; groups are due by their interval). Input: the EventBridge scheduled event,
 * or {@code {"force": true}} to evaluate every group now. The cycle ends by {@link InvocationDeadline} (the
 * invocation's remaining time less a margin); what it could not notify by then is left for the next one. Output:
 * the cycle report. The cycle's metrics (and its
 * notifications') are published before the invocation returns.
 *
 * <p>Handler: {@code io.quantsinfra.scheduled.AlertEvaluationHandler::handleRequest}.
 */
public final class AlertEvaluationHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final ScheduledWiring wiring;

    /** What the Lambda runtime calls: settings from the environment. */
    public AlertEvaluationHandler() {
        this(ScheduledWiring.fromEnvironment(System.getenv()));
    }

    public AlertEvaluationHandler(ScheduledWiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try {
            CycleReport r = wiring.alerting().evaluator().run(ScheduledEvents.force(event),
                    InvocationDeadline.of(wiring.clock(), context));
            Map<String, Object> out = new LinkedHashMap<>(r.toDocument());
            out.put("trigger", ScheduledEvents.rule(event));
            System.out.println(Json.line("alert-evaluation", out));
            return out;
        } finally {
            wiring.flushMetrics();
        }
    }
}
