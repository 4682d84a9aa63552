package io.quantsinfra.core.health;

import io.quantsinfra.core.health.DeploymentFacts.Role;
import io.quantsinfra.core.health.DeploymentFacts.RolloutState;
import io.quantsinfra.core.health.HealthEndpoint.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test builder for {@link HealthFacts}: starts as one Freqtrade instance running as desired. */
final class Facts {

    static final Instant NOW = Instant.parse("2024-11-21T06:30:00Z");
    static final HealthEndpoint FREQTRADE = new HealthEndpoint("freqtrade", 8080, "/api/v1/health", Reading.FREQTRADE_LAST_PROCESS);
    static final HealthEndpoint METRICS = new HealthEndpoint("data-collector", 9090, "/metrics", Reading.PROMETHEUS_METRICS);

    private String status = "ACTIVE";
    private int desired = 1;
    private int running = 1;
    private int pending = 0;
    private final List<DeploymentFacts> deployments = new ArrayList<>(List.of(
            deployment("ecs-svc/1", Role.PRIMARY, RolloutState.COMPLETED, "ECS deployment ecs-svc/1 completed.", 1, 1, ago(60))));
    private final List<ServiceEventFacts> events = new ArrayList<>();
    private final List<TaskFacts> tasks = new ArrayList<>(List.of(runningTask("t-run", ContainerHealth.UNKNOWN)));
    private final List<EndpointProbe> probes = new ArrayList<>(List.of(
            new EndpointProbe(FREQTRADE, new ProbeResult.Answered(200, 35, ago(0).minusSeconds(12), null))));

    static Facts freqtrade() {
        return new Facts();
    }

    static Instant ago(long minutes) {
        return NOW.minus(Duration.ofMinutes(minutes));
    }

    static DeploymentFacts deployment(String id, Role role, RolloutState state, String reason, int desired, int running,
                                      Instant created) {
        return new DeploymentFacts(id, role, state, reason, desired, running, 0, created, created);
    }

    static TaskFacts runningTask(String id, ContainerHealth health) {
        return new TaskFacts("arn:aws:ecs:us-east-1:123456789012:task/quants-infra/" + id, "RUNNING", "RUNNING",
                health, ago(30), null, null, null,
                List.of(new ContainerFacts("freqtrade", "RUNNING", health, null, null)));
    }

    static TaskFacts stoppedTask(String id, Instant stoppedAt, String stopCode, String reason, Integer exitCode) {
        return new TaskFacts("arn:aws:ecs:us-east-1:123456789012:task/quants-infra/" + id, "STOPPED", "STOPPED",
                ContainerHealth.UNKNOWN, stoppedAt.minusSeconds(20), stoppedAt, reason, stopCode,
                List.of(new ContainerFacts("freqtrade", "STOPPED", ContainerHealth.UNKNOWN, exitCode, null)));
    }

    Facts counts(int desired, int running, int pending) {
        this.desired = desired;
        this.running = running;
        this.pending = pending;
        return this;
    }

    Facts status(String status) {
        this.status = status;
        return this;
    }

    Facts deployments(DeploymentFacts... ds) {
        deployments.clear();
        deployments.addAll(List.of(ds));
        return this;
    }

    Facts event(String message, Instant at) {
        events.add(new ServiceEventFacts(message, at));
        return this;
    }

    Facts tasks(TaskFacts... ts) {
        tasks.clear();
        tasks.addAll(List.of(ts));
        return this;
    }

    Facts addTask(TaskFacts t) {
        tasks.add(t);
        return this;
    }

    Facts probes(EndpointProbe... ps) {
        probes.clear();
        probes.addAll(List.of(ps));
        return this;
    }

    Facts probe(ProbeResult r) {
        return probes(new EndpointProbe(FREQTRADE, r));
    }

    HealthFacts build() {
        ServiceFacts s = new ServiceFacts("freqtrade-1", status, desired, running, pending, deployments, events);
        return HealthFacts.of(s, tasks, probes, NOW);
    }

    @Override
    public String toString() {
        return "facts";
    }
}
