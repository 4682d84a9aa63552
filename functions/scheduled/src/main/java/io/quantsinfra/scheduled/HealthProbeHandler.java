package io.quantsinfra.scheduled;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.quantsinfra.core.probe.HealthProbeService;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda handler, scheduled {@code rate(1 minute)}: judges every instance's health and publishes
 * {@code quants_infra_instance_up} and friends to CloudWatch, and judges the rollouts secret rotations started
 * (reverting one ECS rolled back). Input: the EventBridge scheduled event. Output:
 * the verdicts.
 *
 * <p>Handler: {@code io.quantsinfra.scheduled.HealthProbeHandler::handleRequest}.
 */
public final class HealthProbeHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** The actor the history names for a revert the probe makes. */
    static final String ACTOR = "health-probe";
    private final ScheduledWiring wiring;

    public HealthProbeHandler() {
        this(ScheduledWiring.fromEnvironment(System.getenv()));
    }

    public HealthProbeHandler(ScheduledWiring wiring) {
        this.wiring = wiring;
    }

    /**
     * Republishes the monitor's files so its Prometheus follows tasks that moved (a restart gives a Fargate task a new
     * address). A failure is reported in the result, never thrown: the health verdicts stand.
     */
    private Object refreshMonitor() {
        try {
            return wiring.monitorFiles().map(f -> (Object) f.publish()).orElse("no monitor bucket configured");
        } catch (RuntimeException e) {
            return "not refreshed: " + e.getClass().getSimpleName();
        }
    }

    /**
     * Judges the rollouts rotations started (through the API without waiting, or the rotation Lambda, which cannot
     * wait for ECS) and reverts a rotation whose rollout ECS rolled back. A failure is reported in the result, never
     * thrown: the health verdicts stand, and the next cycle judges again.
     */
    private Object settleRotations() {
        try {
            return wiring.secrets().settleAll(ACTOR).stream().map(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("secret", s.name());
                m.put("outcome", s.outcome().name().toLowerCase(java.util.Locale.ROOT));
                m.put("version", s.version());
                m.put("reverted_to", s.revertedTo());
                m.put("instances", s.instances());
                m.put("reason", s.reason());
                return (Object) m;
            }).toList();
        } catch (RuntimeException e) {
            return "not judged: " + e.getClass().getSimpleName();
        }
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try {
            HealthProbeService.Report r = wiring.probe().run();
            Map<String, Object> out = new LinkedHashMap<>(r.toDocument());
            out.put("trigger", ScheduledEvents.rule(event));
            out.put("monitor_files", refreshMonitor());
            out.put("rotations", settleRotations());
            System.out.println(Json.line("health-probe", out));
            return out;
        } finally {
            wiring.flushMetrics();
        }
    }
}
