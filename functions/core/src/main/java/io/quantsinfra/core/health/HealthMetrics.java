package io.quantsinfra.core.health;

import io.quantsinfra.core.health.HealthEndpoint.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The {@code metrics} of a report, in a fixed key order; {@code null} means "not known". */
final class HealthMetrics {

    private HealthMetrics() {
    }

    static Map<String, Object> of(HealthFacts f, Instant now) {
        ServiceFacts s = f.service();
        List<ProbeResult> attempted = f.probes().stream().map(EndpointProbe::result)
                .filter(r -> !(r instanceof ProbeResult.NotProbed)).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("container_running", s.runningCount() > 0);
        m.put("api_responsive", attempted.isEmpty() ? null
                : attempted.stream().allMatch(r -> r instanceof ProbeResult.Answered a && a.success()));
        m.put("latency_ms", attempted.stream().filter(ProbeResult.Answered.class::isInstance)
                .map(ProbeResult.Answered.class::cast).mapToLong(ProbeResult.Answered::latencyMs)
                .boxed().max(Long::compare).orElse(null));
        m.put("desired", s.desiredCount());
        m.put("running", s.runningCount());
        m.put("pending", s.pendingCount());
        m.put("restarts_1h", f.restartsLastHour());
        m.put("rollout", rollout(s));
        m.put("task_health", taskHealth(f.tasks()));
        if (f.probes().stream().anyMatch(p -> p.endpoint().reading() == Reading.FREQTRADE_LAST_PROCESS)) {
            m.put("last_process_age_s", lastProcessAge(f, now));
        }
        return m;
    }

    /** {@code failed} if any deployment failed, else the primary's state, else {@code none}. */
    static String rollout(ServiceFacts s) {
        if (s.deployments().stream().anyMatch(DeploymentFacts::failed)) {
            return DeploymentFacts.RolloutState.FAILED.value();
        }
        return s.primary().map(DeploymentFacts::rolloutState).map(DeploymentFacts.RolloutState::value).orElse("none");
    }

    /** Worst ECS health-check status over running tasks, or {@code null} when none runs. */
    private static String taskHealth(List<TaskFacts> tasks) {
        List<ContainerHealth> states = tasks.stream().filter(TaskFacts::running).map(TaskFacts::healthStatus).toList();
        if (states.isEmpty()) {
            return null;
        }
        ContainerHealth worst = states.contains(ContainerHealth.UNHEALTHY) ? ContainerHealth.UNHEALTHY
                : states.contains(ContainerHealth.UNKNOWN) ? ContainerHealth.UNKNOWN : ContainerHealth.HEALTHY;
        return worst.name().toLowerCase(Locale.ROOT);
    }

    private static Long lastProcessAge(HealthFacts f, Instant now) {
        return f.probes().stream()
                .filter(p -> p.endpoint().reading() == Reading.FREQTRADE_LAST_PROCESS)
                .map(p -> p.result() instanceof ProbeResult.Answered a ? a.lastProcess() : null)
                .filter(Objects::nonNull)
                .map(t -> Math.max(0, Duration.between(t, now).toSeconds()))
                .findFirst().orElse(null);
    }
}
