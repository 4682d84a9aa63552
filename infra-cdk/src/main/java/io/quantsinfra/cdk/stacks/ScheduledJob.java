package io.quantsinfra.cdk.stacks;

import io.quantsinfra.cdk.QuantsInfraCdkException;
import io.quantsinfra.cdk.config.AppConfig;
import io.quantsinfra.cdk.constructs.ControlPlanePolicy.Capability;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scheduled control-plane job: the handler that runs it, the jar expected to hold the handler, its rate, the
 * event it receives and what it may call. The control plane synthesizes a job only once its handler class
 * exists in the jar.
 *
 * @param id construct id and the {@code job} field of the input
 * @param description what it does
 * @param handler {@code package.Class::method}
 * @param jar the jar expected to hold it
 * @param rate EventBridge rate expression
 * @param input the event the handler receives
 * @param capabilities the AWS calls it makes
 */
public record ScheduledJob(String id, String description, String handler, Path jar, String rate,
                           Map<String, Object> input, Set<Capability> capabilities) {

    /** Alert evaluation, in functions/scheduled's jar. */
    public static final String ALERT_EVALUATION_HANDLER = "io.quantsinfra.scheduled.AlertEvaluationHandler::handleRequest";
    /** Health probing, in functions/scheduled's jar. */
    public static final String HEALTH_PROBE_HANDLER = "io.quantsinfra.scheduled.HealthProbeHandler::handleRequest";
    /** The job dispatcher, in functions/scheduled's jar (also invoked by the API right after a publish). */
    public static final String JOB_DISPATCH_HANDLER = "io.quantsinfra.scheduled.JobDispatchHandler::handleRequest";
    /** The ECS task state change handler of job tasks, in functions/scheduled's jar (an EventBridge rule, not a schedule). */
    public static final String JOB_EVENTS_HANDLER = "io.quantsinfra.scheduled.JobEventsHandler::handleRequest";
    /** Rotation of generated secrets, in the API's Lambda jar. */
    public static final String SECRET_ROTATION_HANDLER = "io.quantsinfra.api.rotation.SecretsRotationHandler::handleRequest";

    public ScheduledJob {
        if (!id.matches("[A-Z][A-Za-z]+")) {
            throw new QuantsInfraCdkException("a job id is a PascalCase construct id, got '" + id + "'");
        }
        input = Map.copyOf(input);
        capabilities = Set.copyOf(capabilities);
    }

    /** Id of the alert evaluation job. */
    public static final String ALERT_EVALUATION = "AlertEvaluation";

    /** Id of the job dispatcher. */
    public static final String JOB_DISPATCH = "JobDispatch";

    /** Whether this is the job dispatcher (the API invokes it after a publish; the job events function comes with it). */
    public boolean isJobDispatch() {
        return id.equals(JOB_DISPATCH);
    }

    /** Whether this is the alert evaluator (its freshness is alarmed on, it sends alert e-mail). */
    public boolean isAlertEvaluation() {
        return id.equals(ALERT_EVALUATION);
    }

    /** The jobs the control plane runs on a schedule, at the configured rates. */
    public static List<ScheduledJob> standard(AppConfig config) {
        return List.of(
                new ScheduledJob(ALERT_EVALUATION, "quants-infra alert evaluation", ALERT_EVALUATION_HANDLER,
                        config.scheduledLambdaJar(), config.alertEvaluationRate(),
                        Map.of("source", "quants-infra.schedule", "job", "alert-evaluation"),
                        // Receivers' credentials are secret references under alerting/, read when a notification goes out.
                        // ECS_READ: rules only Prometheus can answer are asked of the monitor's running task, found in ECS.
                        EnumSet.of(Capability.STATE, Capability.METRICS, Capability.METRICS_READ, Capability.ALERTING_SECRETS_READ,
                                Capability.ECS_READ)),
                new ScheduledJob("HealthProbe", "quants-infra health probe", HEALTH_PROBE_HANDLER,
                        config.scheduledLambdaJar(), config.healthProbeRate(),
                        Map.of("source", "quants-infra.schedule", "job", "health-probe"),
                        // MONITOR_CONFIG: each cycle republishes the monitor's discovered targets (tasks move on restart).
                        // SECRETS_RELABEL, ECS_REDEPLOY: it judges rotations' rollouts and reverts one ECS rolled back
                        // (staging labels only, never a value) and redeploys the secret's consumers.
                        EnumSet.of(Capability.ECS_READ, Capability.STATE, Capability.SECRETS_READ, Capability.METRICS,
                                Capability.MONITOR_CONFIG, Capability.SECRETS_RELABEL, Capability.ECS_REDEPLOY)),
                // Every minute (issue 11), whatever the other rates: a published job waits at most this long when the
                // API's invoke after publish is lost. RunTask/StopTask/DescribeTasks on job tasks; the oldest ready
                // job's age as a metric (the stuck-pending alarm).
                new ScheduledJob(JOB_DISPATCH, "quants-infra job dispatcher", JOB_DISPATCH_HANDLER,
                        config.scheduledLambdaJar(), "rate(1 minute)",
                        Map.of("source", "quants-infra.schedule", "job", "job-dispatch"),
                        EnumSet.of(Capability.STATE, Capability.JOB_STATE, Capability.JOBS_RUN, Capability.METRICS)));
    }
}
