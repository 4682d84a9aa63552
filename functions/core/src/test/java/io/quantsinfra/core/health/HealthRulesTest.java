package io.quantsinfra.core.health;

import static io.quantsinfra.core.health.Facts.FREQTRADE;
import static io.quantsinfra.core.health.Facts.METRICS;
import static io.quantsinfra.core.health.Facts.NOW;
import static io.quantsinfra.core.health.Facts.ago;
import static io.quantsinfra.core.health.Facts.deployment;
import static io.quantsinfra.core.health.Facts.freqtrade;
import static io.quantsinfra.core.health.Facts.runningTask;
import static io.quantsinfra.core.health.Facts.stoppedTask;
import static io.quantsinfra.core.health.HealthReport.Status.DEGRADED;
import static io.quantsinfra.core.health.HealthReport.Status.HEALTHY;
import static io.quantsinfra.core.health.HealthReport.Status.UNHEALTHY;
import static io.quantsinfra.core.health.HealthReport.Status.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.health.DeploymentFacts.Role;
import io.quantsinfra.core.health.DeploymentFacts.RolloutState;
import io.quantsinfra.core.health.HealthReport.Status;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HealthRulesTest {

    private static final String EXITED = "Essential container in task exited";
    private static final ProbeResult NO_ADDRESS = new ProbeResult.NotProbed("no running task has a reachable address");

    static Stream<Arguments> rules() {
        return Stream.of(
                row("running as desired and Freqtrade fresh is healthy", freqtrade(),
                        HEALTHY, "ECS reports 1 of 1 running; freqtrade :8080/api/v1/health answered in 35 ms, last processed 12 s ago"),
                row("desired 0 is stopped, not unhealthy", freqtrade().counts(0, 0, 0).tasks().probe(NO_ADDRESS),
                        UNKNOWN, "instance is stopped (desiredCount 0)"),
                row("desired 0 with a task left is stopping", freqtrade().counts(0, 1, 0),
                        UNKNOWN, "instance is stopping (desiredCount 0, 1 task still running or pending)"),
                row("a draining service is not judged", freqtrade().status("DRAINING"),
                        UNKNOWN, "ECS service freqtrade-1 is DRAINING"),
                row("circuit breaker rollback is unhealthy with ECS's reason", freqtrade().deployments(
                                deployment("ecs-svc/1", Role.PRIMARY, RolloutState.IN_PROGRESS,
                                        "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/2.", 1, 1, ago(20)),
                                deployment("ecs-svc/2", Role.ACTIVE, RolloutState.FAILED,
                                        "ECS deployment circuit breaker: tasks failed to start.", 0, 0, ago(15))),
                        UNHEALTHY, "deployment ecs-svc/2 failed: ECS deployment circuit breaker: tasks failed to start; "
                                + "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/2"),
                row("three unexpected stops in an hour is a crash loop", freqtrade()
                                .addTask(stoppedTask("s1", ago(50), "EssentialContainerExited", EXITED, 1))
                                .addTask(stoppedTask("s2", ago(2), "EssentialContainerExited", EXITED, 2))
                                .addTask(stoppedTask("s3", ago(25), "EssentialContainerExited", EXITED, 1)),
                        UNHEALTHY, "crash loop: 3 tasks stopped unexpectedly in the last hour, the latest 2 min ago: "
                                + "Essential container in task exited (container freqtrade exit code 2)"),
                row("stops by a user or by scale-in are not restarts", freqtrade()
                                .addTask(stoppedTask("s1", ago(5), "UserInitiated", "Task stopped by user", 0))
                                .addTask(stoppedTask("s2", ago(6), "ServiceSchedulerInitiated",
                                        "Scaling activity initiated by (deployment ecs-svc/1)", 0))
                                .addTask(stoppedTask("s3", ago(7), "UserInitiated", "Task stopped by user", 0)),
                        HEALTHY, "last processed 12 s ago"),
                row("restarts older than an hour are forgotten", freqtrade()
                                .addTask(stoppedTask("s1", ago(61), "EssentialContainerExited", EXITED, 1))
                                .addTask(stoppedTask("s2", ago(70), "EssentialContainerExited", EXITED, 1))
                                .addTask(stoppedTask("s3", ago(80), "EssentialContainerExited", EXITED, 1)),
                        HEALTHY, "ECS reports 1 of 1 running"),
                row("a restart below the threshold is mentioned", freqtrade()
                                .addTask(stoppedTask("s1", ago(10), "EssentialContainerExited", EXITED, 1)),
                        HEALTHY, "; 1 restart in the last hour"),
                row("a container failing its ECS health check is unhealthy",
                        freqtrade().tasks(runningTask("abc123", ContainerHealth.UNHEALTHY)),
                        UNHEALTHY, "container freqtrade of task abc123 fails its ECS health check (UNHEALTHY)"),
                row("never started after the grace is unhealthy with the latest event", freqtrade().counts(1, 0, 0).tasks()
                                .deployments(deployment("ecs-svc/1", Role.PRIMARY, RolloutState.IN_PROGRESS, null, 1, 0, ago(20)))
                                .event("(service freqtrade-1) was unable to place a task.", ago(1))
                                .probe(NO_ADDRESS),
                        UNHEALTHY, "instance never started: no task running 20 min after its deployment changed "
                                + "(desiredCount 1, 0 pending); latest ECS event: (service freqtrade-1) was unable to place a task"),
                row("within the startup grace it is starting", freqtrade().counts(1, 0, 1).tasks()
                                .deployments(deployment("ecs-svc/1", Role.PRIMARY, RolloutState.IN_PROGRESS, null, 1, 0, ago(1)))
                                .probe(NO_ADDRESS),
                        UNKNOWN, "instance is starting: no task running yet (desiredCount 1, 1 pending), deployment ecs-svc/1 changed 60 s ago"),
                row("a launch failure inside the grace is unhealthy at once", freqtrade().counts(1, 0, 0).tasks()
                                .deployments(deployment("ecs-svc/1", Role.PRIMARY, RolloutState.IN_PROGRESS, null, 1, 0, ago(1)))
                                .event("(service freqtrade-1) failed to launch a task with (error ECS was unable to assume the role).", ago(0))
                                .probe(NO_ADDRESS),
                        UNHEALTHY, "latest ECS event: (service freqtrade-1) failed to launch a task"),
                row("nothing running after an exit is unhealthy naming the exit", freqtrade().counts(1, 0, 1)
                                .tasks(stoppedTask("s1", ago(1), "EssentialContainerExited", EXITED, 137)).probe(NO_ADDRESS),
                        UNHEALTHY, "no task running (desiredCount 1, 1 pending); the last one stopped 60 s ago: "
                                + "Essential container in task exited (container freqtrade exit code 137)"),
                row("a probe timeout with no container running is unhealthy", freqtrade().counts(1, 0, 0).tasks()
                                .probe(new ProbeResult.TimedOut(2000)),
                        UNHEALTHY, "instance never started"),
                row("two live deployments is rolling out", freqtrade().counts(1, 2, 0).deployments(
                                deployment("ecs-svc/2", Role.PRIMARY, RolloutState.IN_PROGRESS, null, 1, 1, ago(2)),
                                deployment("ecs-svc/1", Role.ACTIVE, RolloutState.COMPLETED, null, 1, 1, ago(60))),
                        DEGRADED, "rolling out deployment ecs-svc/2: 1 of 1 new task running, 1 old task still running"),
                row("replacing the only task within the grace is rolling out", freqtrade().counts(1, 0, 1)
                                .tasks(stoppedTask("old", ago(1), "ServiceSchedulerInitiated",
                                        "Scaling activity initiated by (deployment ecs-svc/1)", 0))
                                .deployments(
                                        deployment("ecs-svc/2", Role.PRIMARY, RolloutState.IN_PROGRESS, null, 1, 0, ago(1)),
                                        deployment("ecs-svc/1", Role.ACTIVE, RolloutState.COMPLETED, null, 0, 0, ago(60)))
                                .probe(NO_ADDRESS),
                        DEGRADED, "rolling out deployment ecs-svc/2: 0 of 1 new task running (1 pending), 0 old tasks still running"),
                row("fewer running than desired is degraded", freqtrade().counts(2, 1, 1),
                        DEGRADED, "only 1 of 2 tasks running (1 pending)"),
                row("a probe timeout is degraded", freqtrade().probe(new ProbeResult.TimedOut(2000)),
                        DEGRADED, "ECS reports 1 of 1 running, but freqtrade :8080/api/v1/health did not answer within 2000 ms"),
                row("a refused probe is degraded", freqtrade().probe(new ProbeResult.Failed("connection refused")),
                        DEGRADED, "could not be reached: connection refused"),
                row("a 5xx answer is unhealthy", freqtrade().probe(new ProbeResult.Answered(503, 4, null, null)),
                        UNHEALTHY, "freqtrade :8080/api/v1/health answered HTTP 503"),
                row("a 401 answer is degraded", freqtrade().probe(new ProbeResult.Answered(401, 4, null, null)),
                        DEGRADED, "answered HTTP 401"),
                row("a stale Freqtrade last_process is degraded",
                        freqtrade().probe(new ProbeResult.Answered(200, 20, ago(12), null)),
                        DEGRADED, "freqtrade last processed 12 min ago (stale after 5 min)"),
                row("Freqtrade without last_process is degraded",
                        freqtrade().probe(new ProbeResult.Answered(200, 20, null, null)),
                        DEGRADED, "answered without last_process"),
                row("a metrics page without samples is degraded", freqtrade().probes(new EndpointProbe(METRICS,
                                new ProbeResult.Answered(200, 3, null, "the metrics page has no samples"))),
                        DEGRADED, "data-collector :9090/metrics answered HTTP 200 but the metrics page has no samples"),
                row("the worst endpoint decides", freqtrade().probes(
                                new EndpointProbe(METRICS, new ProbeResult.Answered(200, 3, null, null)),
                                new EndpointProbe(FREQTRADE, new ProbeResult.TimedOut(2000)),
                                new EndpointProbe(FREQTRADE, new ProbeResult.Answered(500, 3, null, null))),
                        UNHEALTHY, "answered HTTP 500"),
                row("local mode: nothing probed and no task health is unknown, never healthy",
                        freqtrade().tasks().probe(NO_ADDRESS),
                        UNKNOWN, "ECS reports 1 of 1 running (rollout completed) but nothing could be probed: "
                                + "no running task has a reachable address"),
                row("nothing probed but ECS's container health check is healthy",
                        freqtrade().tasks(runningTask("t1", ContainerHealth.HEALTHY)).probe(NO_ADDRESS),
                        HEALTHY, "ECS reports 1 of 1 running and its container health check HEALTHY; endpoints not probed"),
                row("a service without endpoints is unknown", freqtrade().probes(),
                        UNKNOWN, "nothing could be probed: this service has no health endpoint"),
                row("an endpoint not probed beside a healthy one is named", freqtrade().probes(
                                new EndpointProbe(METRICS, new ProbeResult.Answered(200, 3, null, null)),
                                new EndpointProbe(FREQTRADE, NO_ADDRESS)),
                        HEALTHY, "; not probed: freqtrade :8080/api/v1/health"));
    }

    private static Arguments row(String name, Facts facts, Status status, String message) {
        return Arguments.of(name, facts, status, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void evaluate_followsTheRuleTable(String name, Facts facts, Status status, String message) {
        HealthReport report = HealthRules.defaults().evaluate(facts.build(), NOW);

        assertEquals(status, report.status(), report.message());
        assertTrue(report.message().contains(message), () -> "message was: " + report.message());
    }

    @Test
    void evaluate_usesTheConfiguredStalenessThreshold() {
        HealthFacts facts = freqtrade().probe(new ProbeResult.Answered(200, 20, ago(12), null)).build();

        assertEquals(HEALTHY, HealthRules.defaults().withStaleAfter(Duration.ofMinutes(15)).evaluate(facts, NOW).status());
    }

    @Test
    void evaluate_usesTheConfiguredCrashLoopThreshold() {
        HealthFacts facts = freqtrade().addTask(stoppedTask("s1", ago(3), "EssentialContainerExited", EXITED, 1)).build();

        HealthReport report = HealthRules.defaults().withCrashLoopRestarts(1).evaluate(facts, NOW);

        assertEquals(UNHEALTHY, report.status());
        assertTrue(report.message().startsWith("crash loop: 1 task stopped unexpectedly"), report.message());
    }

    @Test
    void withCrashLoopRestarts_refusesZero() {
        var e = assertThrows(InvalidInputException.class, () -> HealthRules.defaults().withCrashLoopRestarts(0));
        assertEquals("crashLoopRestarts", e.field());
    }

    @Test
    void withStaleAfter_refusesANonPositiveDuration() {
        var e = assertThrows(InvalidInputException.class, () -> HealthRules.defaults().withStaleAfter(Duration.ZERO));
        assertEquals("staleAfter", e.field());
    }
}
