package io.quantsinfra.core.health;

import io.quantsinfra.core.health.HealthEndpoint.Reading;
import io.quantsinfra.core.health.HealthReport.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last rule: ECS reports the instance running as desired, so the endpoint probes decide.
 * The worst probe wins; nothing probed is unknown, never healthy by assumption.
 */
final class ProbeVerdicts {

    private final Duration staleAfter;

    ProbeVerdicts(Duration staleAfter) {
        this.staleAfter = staleAfter;
    }

    Verdict judge(HealthFacts f, Instant now) {
        String ecs = "ECS reports " + f.service().runningCount() + " of " + f.service().desiredCount() + " running";
        List<EndpointProbe> probed = f.probes().stream()
                .filter(p -> !(p.result() instanceof ProbeResult.NotProbed)).toList();
        if (probed.isEmpty()) {
            return nothingProbed(f, ecs);
        }
        Verdict worst = null;
        List<String> fine = new ArrayList<>();
        for (EndpointProbe p : probed) {
            Verdict v = judge(p, now);
            if (v.status() == Status.HEALTHY) {
                fine.add(v.message());
            } else if (worst == null || rank(v.status()) > rank(worst.status())) {
                worst = v;
            }
        }
        if (worst != null) {
            return new Verdict(worst.status(), ecs + ", but " + worst.message());
        }
        StringBuilder m = new StringBuilder(ecs).append("; ").append(String.join("; ", fine));
        List<String> skipped = f.probes().stream()
                .filter(p -> p.result() instanceof ProbeResult.NotProbed).map(EndpointProbe::label).toList();
        if (!skipped.isEmpty()) {
            m.append("; not probed: ").append(String.join(", ", skipped));
        }
        if (f.restartsLastHour() > 0) {
            m.append("; ").append(Text.count(f.restartsLastHour(), "restart")).append(" in the last hour");
        }
        return Verdict.healthy(m.toString());
    }

    /** Judges one probe that was sent; {@code HEALTHY} carries the fragment that says why it is fine. */
    private Verdict judge(EndpointProbe p, Instant now) {
        String label = p.label();
        return switch (p.result()) {
            case ProbeResult.NotProbed n -> Verdict.unknown(label + " was not probed: " + n.reason());
            case ProbeResult.TimedOut t -> Verdict.degraded(label + " did not answer within " + t.timeoutMs() + " ms");
            case ProbeResult.Failed x -> Verdict.degraded(label + " could not be reached: " + x.reason());
            case ProbeResult.Answered a when a.httpStatus() >= 500 ->
                    Verdict.unhealthy(label + " answered HTTP " + a.httpStatus());
            case ProbeResult.Answered a when !a.success() ->
                    Verdict.degraded(label + " answered HTTP " + a.httpStatus());
            case ProbeResult.Answered a when a.bodyProblem() != null ->
                    Verdict.degraded(label + " answered HTTP " + a.httpStatus() + " but " + a.bodyProblem());
            case ProbeResult.Answered a -> judgeAnswer(p, a, now);
        };
    }

    private Verdict judgeAnswer(EndpointProbe p, ProbeResult.Answered a, Instant now) {
        String answered = p.label() + " answered in " + a.latencyMs() + " ms";
        if (p.endpoint().reading() != Reading.FREQTRADE_LAST_PROCESS) {
            return Verdict.healthy(answered);
        }
        if (a.lastProcess() == null) {
            return Verdict.degraded(p.label() + " answered without last_process, so the bot has not processed yet");
        }
        Duration age = Duration.between(a.lastProcess(), now);
        if (age.compareTo(staleAfter) > 0) {
            return Verdict.degraded(p.endpoint().component() + " last processed " + Text.human(age)
                    + " ago (stale after " + Text.human(staleAfter) + ")");
        }
        return Verdict.healthy(answered + ", last processed " + Text.human(age) + " ago");
    }

    /**
     * Local mode ends here: the emulator runs no containers, so there is no address and no task
     * health. ECS's own container health check is real evidence, so it may still make the verdict.
     */
    private static Verdict nothingProbed(HealthFacts f, String ecs) {
        List<TaskFacts> running = f.tasks().stream().filter(TaskFacts::running).toList();
        boolean ecsChecked = !running.isEmpty()
                && running.stream().allMatch(t -> t.healthStatus() == ContainerHealth.HEALTHY);
        String why = f.probes().isEmpty()
                ? "this service has no health endpoint"
                : ((ProbeResult.NotProbed) f.probes().getFirst().result()).reason();
        if (ecsChecked) {
            return Verdict.healthy(ecs + " and its container health check HEALTHY; endpoints not probed: " + why);
        }
        String rollout = f.service().primary().map(d -> d.rolloutState() == null ? "none" : d.rolloutState().value())
                .orElse("none");
        return Verdict.unknown(ecs + " (rollout " + rollout + ") but nothing could be probed: " + why);
    }

    private static int rank(Status s) {
        return switch (s) {
            case HEALTHY -> 0;
            case UNKNOWN -> 1;
            case DEGRADED -> 2;
            case UNHEALTHY -> 3;
        };
    }
}
