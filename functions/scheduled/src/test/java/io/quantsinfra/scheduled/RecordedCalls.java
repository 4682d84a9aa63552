package io.quantsinfra.scheduled;

import io.quantsinfra.aws.FunctionCallLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The scheduled functions' AWS calls, attributed to the handler that makes them: a wiring built with
 * {@link #interceptors} records a call only while {@link #evaluate} or {@link #probe} runs its handler, so the
 * tests' own setup through the same wiring is not attributed (infra-cdk's IAM check reads the logs).
 */
final class RecordedCalls {
    static final FunctionCallLog EVALUATION = FunctionCallLog.scoped("alert-evaluation");
    static final FunctionCallLog PROBE = FunctionCallLog.scoped("health-probe");

    private RecordedCalls() {
    }

    /** Both logs, then {@code more}. */
    static List<ExecutionInterceptor> interceptors(ExecutionInterceptor... more) {
        List<ExecutionInterceptor> all = new ArrayList<>(List.of(EVALUATION, PROBE));
        all.addAll(List.of(more));
        return all;
    }

    /** One invocation of the alert evaluation Lambda. */
    static Map<String, Object> evaluate(ScheduledWiring wiring, Map<String, Object> event) {
        return EVALUATION.during(() -> new AlertEvaluationHandler(wiring).handleRequest(event, null));
    }

    /** One invocation of the health probe Lambda. */
    static Map<String, Object> probe(ScheduledWiring wiring, Map<String, Object> event) {
        return PROBE.during(() -> new HealthProbeHandler(wiring).handleRequest(event, null));
    }
}
