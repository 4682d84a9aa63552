package io.quantsinfra.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.core.health.ContainerHealth;
import io.quantsinfra.core.health.DeploymentFacts;
import io.quantsinfra.core.health.EndpointProbe;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.health.HealthEndpoint.Reading;
import io.quantsinfra.core.health.HealthProbe;
import io.quantsinfra.core.health.HealthReport;
import io.quantsinfra.core.health.HealthReport.Status;
import io.quantsinfra.core.health.HealthRules;
import io.quantsinfra.core.health.ProbeResult;
import io.quantsinfra.core.health.TaskFacts;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS response bodies under {@code src/test/resources/ecs/health/<scenario>/} are served to the real
 * SDK client, mapped by {@link EcsHealthFacts} and judged by {@link HealthRules}.
 */
class EcsHealthFactsTest {

    private static final Instant NOW = Instant.ofEpochSecond(1732170000); // 2024-11-21T06:20:00Z
    private static final String CLUSTER = "quants-infra";
    private static final HealthEndpoint FREQTRADE = new HealthEndpoint("freqtrade", 8080, "/api/v1/health", Reading.FREQTRADE_LAST_PROCESS);
    private static final HealthEndpoint COLLECTOR = new HealthEndpoint("data-collector", 9090, "/metrics", Reading.PROMETHEUS_METRICS);
    private static final List<HealthEndpoint> MONITOR = List.of(
            new HealthEndpoint("prometheus", 9090, "/-/healthy", Reading.HTTP_OK),
            new HealthEndpoint("grafana", 3000, "/api/health", Reading.HTTP_OK),
            new HealthEndpoint("alertmanager", 9093, "/-/healthy", Reading.HTTP_OK));
    private static final String PULL_ERROR = "CannotPullContainerError: pull image manifest has been retried 7 time(s): "
            + "failed to resolve ref docker.io/freqtradeorg/freqtrade:2099.1: docker.io/freqtradeorg/freqtrade:2099.1: not found";

    private static RecordedEcs fixtures;
    private static EcsClient ecs;

    @BeforeAll
    static void start() throws IOException {
        fixtures = new RecordedEcs();
        ecs = EcsClient.builder()
                .endpointOverride(fixtures.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    static void stop() {
        ecs.close();
        fixtures.close();
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                row("evaluate_reportsHealthy_whenRunningAndFreqtradeIsFresh", "healthy", "freqtrade-1", List.of(FREQTRADE),
                        e -> answered(42, NOW.minusSeconds(8)), NOW, List.of("10.0.1.23"), Status.HEALTHY,
                        "ECS reports 1 of 1 running; freqtrade :8080/api/v1/health answered in 42 ms, last processed 8 s ago"),
                row("evaluate_reportsDegraded_whileRollingOut", "rolling-out", "freqtrade-1", List.of(FREQTRADE),
                        e -> answered(42, NOW), NOW, List.of(), Status.DEGRADED,
                        "rolling out deployment ecs-svc/4777231209731400248: 0 of 1 new task running (1 pending), "
                                + "0 old tasks still running"),
                row("evaluate_reportsUnhealthy_whenTheContainerKeepsExiting", "crash-loop", "freqtrade-2", List.of(FREQTRADE),
                        e -> answered(42, NOW), NOW, List.of(), Status.UNHEALTHY,
                        "crash loop: 4 tasks stopped unexpectedly in the last hour, the latest 7 min ago: "
                                + "Essential container in task exited (container freqtrade exit code 2)"),
                row("evaluate_reportsUnknown_whenStoppedOnPurpose", "stopped", "data-collector-1", List.of(COLLECTOR),
                        e -> answered(5, null), NOW, List.of(), Status.UNKNOWN, "instance is stopped (desiredCount 0)"),
                row("evaluate_reportsUnhealthy_whenNoTaskEverStarted", "never-started", "freqtrade-3", List.of(FREQTRADE),
                        e -> answered(42, NOW), NOW, List.of(), Status.UNHEALTHY,
                        "instance never started: no task running 25 min after its deployment changed (desiredCount 1, "
                                + "0 pending); latest ECS event: (service freqtrade-3) failed to launch a task with (error ECS "
                                + "was unable to assume the role 'arn:aws:iam::123456789012:role/quants-infra-freqtrade-3-execution'"),
                row("evaluate_reportsDegraded_whenTheProbeTimesOut", "probe-timeout", "data-collector-2", List.of(COLLECTOR),
                        e -> new ProbeResult.TimedOut(2000), NOW, List.of("10.0.2.57"), Status.DEGRADED,
                        "ECS reports 1 of 1 running, but data-collector :9090/metrics did not answer within 2000 ms"),
                row("evaluate_reportsDegraded_whenFreqtradeLastProcessIsStale", "probe-stale", "freqtrade-4", List.of(FREQTRADE),
                        e -> answered(18, NOW.minusSeconds(1020)), NOW, List.of("10.0.1.77"), Status.DEGRADED,
                        "ECS reports 1 of 1 running, but freqtrade last processed 17 min ago (stale after 5 min)"),
                row("evaluate_reportsUnhealthy_whenCircuitBreakerRolledBack", "rollback", "freqtrade-5", List.of(FREQTRADE),
                        e -> answered(40, NOW.minusSeconds(3)), NOW, List.of("10.0.1.88"), Status.UNHEALTHY,
                        "deployment ecs-svc/1703355654232570288 failed: ECS deployment circuit breaker: tasks failed to start; "
                                + "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/8258553773546744715; "
                                + "last stopped task: " + PULL_ERROR),
                row("evaluate_reportsUnhealthy_whenAContainerFailsItsHealthCheck", "container-unhealthy", "monitor-1", MONITOR,
                        e -> answered(12, null), NOW, List.of("10.0.1.30"), Status.UNHEALTHY,
                        "container grafana of task 232df1e8ca23e08db78f7e0b22e2577c fails its ECS health check (UNHEALTHY)"),
                row("evaluate_reportsUnknown_onTheEmulator_whichRunsNoTasks", "emulator-no-tasks", "freqtrade-1", List.of(FREQTRADE),
                        e -> answered(42, NOW), Instant.ofEpochSecond(1795220730 + 600), List.of(), Status.UNKNOWN,
                        "ECS reports 1 of 1 running (rollout completed) but nothing could be probed: "
                                + "no running task has a reachable address"));
    }

    private static Arguments row(String name, String scenario, String instance, List<HealthEndpoint> endpoints,
                                 Function<HealthEndpoint, ProbeResult> answer, Instant now, List<String> probedAt,
                                 Status status, String message) {
        return Arguments.of(name, scenario, instance, endpoints, answer, now, probedAt, status, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void evaluate_judgesRecordedEcsResponses(String name, String scenario, String instance, List<HealthEndpoint> endpoints,
                                             Function<HealthEndpoint, ProbeResult> answer, Instant now,
                                             List<String> probedAt, Status status, String message) {
        fixtures.use(scenario);
        Service service = describeService(instance);
        List<Task> tasks = describeTasks(instance);
        List<String> addresses = new ArrayList<>();
        HealthProbe probe = (address, eps) -> {
            addresses.add(address);
            return eps.stream().map(e -> new EndpointProbe(e, answer.apply(e))).toList();
        };

        List<EndpointProbe> probes = EcsHealthFacts.probeRunningTask(probe, tasks, endpoints);
        HealthReport report = HealthRules.defaults().evaluate(EcsHealthFacts.healthFacts(service, tasks, probes, now), now);

        assertEquals(status, report.status(), report.message());
        assertTrue(report.message().contains(message), () -> "message was: " + report.message());
        assertEquals(probedAt, addresses, "probed only a RUNNING task's ENI address");
    }

    @Test
    void restartsLastHour_countsFailedStarts_butNotTheScaleInOfTheOldTask() {
        fixtures.use("rollback");

        assertEquals(3, EcsHealthFacts.restartsLastHour(describeTasks("freqtrade-5"), NOW));
    }

    @Test
    void restartsLastHour_countsEveryExitOfACrashLoop() {
        fixtures.use("crash-loop");

        assertEquals(4, EcsHealthFacts.restartsLastHour(describeTasks("freqtrade-2"), NOW));
    }

    @Test
    void privateIpv4_readsTheEniAddress_ofARunningTask() {
        fixtures.use("healthy");

        assertEquals("10.0.1.23", EcsHealthFacts.privateIpv4(describeTasks("freqtrade-1").getFirst()).orElseThrow());
    }

    @Test
    void privateIpv4_isEmpty_forAPendingTaskThatAlreadyHasAnEni() {
        fixtures.use("rolling-out");
        Task pending = describeTasks("freqtrade-1").stream().filter(t -> "PENDING".equals(t.lastStatus())).findFirst().orElseThrow();

        assertTrue(EcsHealthFacts.privateIpv4(pending).isEmpty());
    }

    @Test
    void task_mapsStopFactsAndFractionalTimestamps() {
        fixtures.use("crash-loop");
        TaskFacts latest = describeTasks("freqtrade-2").stream().map(EcsHealthFacts::task)
                .filter(TaskFacts::stopped).max(java.util.Comparator.comparing(TaskFacts::stoppedAt)).orElseThrow();

        assertEquals(Instant.ofEpochMilli(1732169551695L), latest.stoppedAt());
        assertEquals("EssentialContainerExited", latest.stopCode());
        assertEquals("Essential container in task exited", latest.stoppedReason());
        assertEquals(2, latest.containers().getFirst().exitCode());
        assertEquals(ContainerHealth.UNKNOWN, latest.healthStatus());
    }

    @Test
    void deployment_mapsTheCircuitBreakerFailure() {
        fixtures.use("rollback");
        List<DeploymentFacts> deployments = EcsHealthFacts.service(describeService("freqtrade-5")).deployments();

        DeploymentFacts failed = deployments.get(1);
        assertEquals(DeploymentFacts.Role.ACTIVE, failed.role());
        assertEquals(DeploymentFacts.RolloutState.FAILED, failed.rolloutState());
        assertEquals("ECS deployment circuit breaker: tasks failed to start.", failed.rolloutStateReason());
        assertEquals(3, failed.failedTasks());
        assertEquals(DeploymentFacts.RolloutState.IN_PROGRESS, deployments.getFirst().rolloutState());
    }

    @Test
    void service_mapsEmulatorOutput_withoutEventsOrTasks() {
        fixtures.use("emulator-no-tasks");
        var facts = EcsHealthFacts.service(describeService("freqtrade-1"));

        assertEquals(1, facts.runningCount());
        assertTrue(facts.events().isEmpty());
        assertNull(EcsHealthFacts.probeAddress(describeTasks("freqtrade-1")).orElse(null));
    }

    private static Service describeService(String instance) {
        return ecs.describeServices(r -> r.cluster(CLUSTER).services(instance)).services().getFirst();
    }

    /** What the adapter does: running and recently stopped task ARNs, then one DescribeTasks. */
    private static List<Task> describeTasks(String instance) {
        List<String> arns = Stream.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)
                .flatMap(s -> ecs.listTasks(r -> r.cluster(CLUSTER).serviceName(instance).desiredStatus(s)).taskArns().stream())
                .toList();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks();
    }

    private static ProbeResult answered(long latencyMs, Instant lastProcess) {
        return new ProbeResult.Answered(200, latencyMs, lastProcess, null);
    }
}
