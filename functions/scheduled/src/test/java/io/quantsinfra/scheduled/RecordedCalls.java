package io.quantsinfra.scheduled;

import io.quantsinfra.aws.FunctionCallLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The scheduled functions' AWS calls, attributed to the handler that makes them: a wiring built with
 * {@link #interceptors} records a call only while {@link #evaluate}, {@link #probe}, {@link #dispatch} or
 * {@link #jobEvent} runs its handler, so the
 * tests' own setup through the same wiring is not attributed (infra-cdk's IAM check reads the logs).
 */
final class RecordedCalls {
    static final FunctionCallLog EVALUATION = FunctionCallLog.scoped("alert-evaluation");
    static final FunctionCallLog PROBE = FunctionCallLog.scoped("health-probe");
    static final FunctionCallLog DISPATCH = FunctionCallLog.scoped("job-dispatch");
    static final FunctionCallLog EVENTS = FunctionCallLog.scoped("job-events");

    private RecordedCalls() {
    }

    /** Both logs, then {@code more}. */
    static List<ExecutionInterceptor> interceptors(ExecutionInterceptor... more) {
        List<ExecutionInterceptor> all = new ArrayList<>(List.of(EVALUATION, PROBE, DISPATCH, EVENTS));
        all.addAll(List.of(more));
        return all;
    }

    /** One invocation of the alert evaluation Lambda. */
    static Map<String, Object> evaluate(ScheduledWiring wiring, Map<String, Object> event) {
        return EVALUATION.during(() -> new AlertEvaluationHandler(wiring).handleRequest(event, null));
    }

    /** One invocation of the job dispatcher Lambda. */
    static Map<String, Object> dispatch(ScheduledWiring wiring, Map<String, Object> event) {
        return DISPATCH.during(() -> new JobDispatchHandler(wiring).handleRequest(event, null));
    }

    /** One invocation of the ECS job events Lambda. */
    static Map<String, Object> jobEvent(ScheduledWiring wiring, Map<String, Object> event) {
        return EVENTS.during(() -> new JobEventsHandler(wiring).handleRequest(event, null));
    }

    /** One invocation of the health probe Lambda. */
    static Map<String, Object> probe(ScheduledWiring wiring, Map<String, Object> event) {
        return PROBE.during(() -> new HealthProbeHandler(wiring).handleRequest(event, null));
    }
}
