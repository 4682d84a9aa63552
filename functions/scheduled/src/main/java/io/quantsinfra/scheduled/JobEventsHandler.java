package io.quantsinfra.scheduled;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.quantsinfra.core.job.EventResult;
import io.quantsinfra.core.job.TaskReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda handler for EventBridge "ECS Task State Change" events of job tasks (the rule matches the cluster and
 * {@code startedBy} prefix {@code job/}): a RUNNING task records its attempt's start and log stream; a STOPPED one its
 * exit code, stopped reason and times, then the job completes, is retried with backoff, or fails and its dependents
 * are cancelled. A repeated or out-of-order event changes nothing. Input: the event as EventBridge sends it.
 *
 * <p>Handler: {@code io.quantsinfra.scheduled.JobEventsHandler::handleRequest}.
 */
public final class JobEventsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final ScheduledWiring wiring;

    public JobEventsHandler() {
        this(ScheduledWiring.fromEnvironment(System.getenv()));
    }

    public JobEventsHandler(ScheduledWiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try {
            TaskReport report = TaskReport.fromEvent(event == null ? Map.of() : event);
            EventResult r = wiring.jobEvents().onTaskStateChange(report);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
            out.put("job", r.jobId());
            out.put("status", r.status() == null ? null : r.status().name().toLowerCase(java.util.Locale.ROOT));
            out.put("task", report.taskArn());
            out.put("lastStatus", report.lastStatus());
            out.put("exitCode", report.exitCode());
            System.out.println(Json.line("job-event", out));
            return out;
        } finally {
            wiring.flushMetrics();
        }
    }
}
