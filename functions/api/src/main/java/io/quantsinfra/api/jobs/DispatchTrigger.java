package io.quantsinfra.api.jobs;

import io.quantsinfra.aws.lambda.LambdaEventInvoker;
import io.quantsinfra.core.job.JobDispatcher;
import java.util.Map;

/**
 * Makes the dispatcher run soon after a publish (issue 11: "also invoked right after a publish"), so a job does not
 * wait for the next minute's schedule. On AWS: an asynchronous invoke of the dispatcher Lambda (the API's 30 s are
 * not spent on RunTask calls, and overlapping dispatchers are safe: claims are conditional writes). In local mode,
 * which has no schedule: one dispatch cycle in-process, before the publish answers.
 *
 * <p>A failure to trigger never fails the publish: the jobs are stored and the schedule starts them; the answer says
 * what happened.
 */
public sealed interface DispatchTrigger {
    /** What the trigger did, for the publish response's {@code dispatch} field. */
    Map<String, Object> afterPublish();

    /** Queues an event for the dispatcher Lambda ({@code function}: its name or {@code name:alias}). */
    record Lambda(LambdaEventInvoker invoker, String function) implements DispatchTrigger {
        @Override
        public Map<String, Object> afterPublish() {
            try {
                invoker.invoke(function, "{\"source\":\"quants-infra.publish\",\"job\":\"job-dispatch\"}");
                return Map.of("mode", "lambda", "invoked", function);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(DispatchTrigger.class).warn("could not invoke the dispatcher: {}", e.getMessage());
                return Map.of("mode", "lambda", "error", "the dispatcher was not invoked; the schedule starts the jobs within a minute");
            }
        }
    }

    /** Runs one cycle now, in this process (local mode). */
    record InProcess(JobDispatcher dispatcher) implements DispatchTrigger {
        @Override
        public Map<String, Object> afterPublish() {
            try {
                Map<String, Object> out = new java.util.LinkedHashMap<>();
                out.put("mode", "in-process");
                out.putAll(JobDocuments.cycle(dispatcher.dispatch()));
                return out;
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(DispatchTrigger.class).warn("dispatch after publish failed: {}", e.getMessage());
                return Map.of("mode", "in-process", "error", "dispatch failed: " + e.getMessage()
                        + "; run 'quants-infra jobs dispatch' again");
            }
        }
    }
}
