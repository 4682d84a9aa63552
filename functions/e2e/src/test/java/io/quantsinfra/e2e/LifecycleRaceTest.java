package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * Destroy raced against deploy and scale, on threads, through local mode's API: the real adapters
 * ({@code EcsPlatform}, {@code DynamoDbStateStore}, {@code DynamoDbLease}) against the emulator. After every round
 * the service is either gone (no stored config, no ECS service, no active task definition) or there with its
 * config and every instance running it; nothing holds the lock; each racer succeeded or got a 409.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleRaceTest {
    private static final int ROUNDS = 6;
    private static final String SERVICE = "data-collector";
    private static final ObjectMapper JSON = new ObjectMapper();
    private LocalModeFixture local;
    private EcsClient ecs;
    private DynamoDbClient dynamo;
    private final Map<String, Integer> outcomes = new ConcurrentHashMap<>();

    @BeforeAll
    void start(AwsEmulator aws) {
        local = new LocalModeFixture(aws);
        ecs = local.clients.ecs();
        dynamo = local.clients.dynamoDb();
    }

    @AfterAll
    void stop() {
        local.close();
    }

    private static String deployBody(int interval, int hosts) {
        List<String> list = List.of("us-east-1a", "us-east-1b").subList(0, hosts);
        return "{\"hosts\": %s, \"config\": {\"pairs\": [\"BTC-USDT\"], \"interval\": %d}}"
                .formatted(JSON.valueToTree(list), interval);
    }

    /** One racer: a call that must succeed or be refused with a 409 problem document. */
    private record Racer(String name, String method, String path, String body) {}

    @Test
    void destroy_racingDeployAndScale_leavesNothingBehind_andLosesNothing() throws Exception {
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            for (int round = 1; round <= ROUNDS; round++) {
                assertEquals(200, local.http("POST", "/v1/services/" + SERVICE + "/deploy",
                        deployBody(round, 1 + round % 2)).statusCode(), "setup deploy of round " + round);
                List<Racer> racers = List.of(
                        new Racer("destroy", "DELETE", "/v1/services/" + SERVICE + "?confirm=" + SERVICE, null),
                        new Racer("deploy", "POST", "/v1/services/" + SERVICE + "/deploy", deployBody(100 + round, 2)),
                        new Racer("scale", "POST", "/v1/services/" + SERVICE + "/scale",
                                "{\"count\": " + (round % 2 == 0 ? 3 : 1) + "}"));
                race(pool, round, racers);
                checkConsistent(round);
                tidy(round);
            }
        }
        System.out.printf("LifecycleRaceTest: %d rounds in %d ms; outcomes %s%n", ROUNDS,
                (System.nanoTime() - started) / 1_000_000, new TreeMap<>(outcomes));
    }

    private void race(ExecutorService pool, int round, List<Racer> racers) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        for (int k = 0; k < racers.size(); k++) {
            Racer r = racers.get(k);
            // Staggered differently each round, so that over the rounds each racer also arrives first, last, mid-way.
            long delay = ((round * 7L + k * 13L) % 4) * 25;
            calls.add(pool.submit(() -> {
                go.await();
                Thread.sleep(delay);
                return local.http(r.method(), r.path(), r.body());
            }));
        }
        go.countDown();
        for (int k = 0; k < racers.size(); k++) {
            HttpResponse<String> response = calls.get(k).get();
            String who = "round " + round + ", " + racers.get(k).name() + ": " + response.statusCode() + " " + response.body();
            outcomes.merge(racers.get(k).name() + " " + response.statusCode(), 1, Integer::sum);
            if (response.statusCode() == 409) {
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), who);
                assertTrue(JSON.readTree(response.body()).path("detail").asText().matches(
                        ".*(in progress; try again|never been deployed).*"), who);
            } else if (response.statusCode() != 200) {
                fail("each racer succeeds or gets a 409; " + who);
            }
        }
    }

    private void checkConsistent(int round) {
        List<Service> services = services();
        Map<String, AttributeValue> config = item("SERVICE#" + SERVICE, "CONFIG");
        String where = "round " + round + ": services " + services.stream().map(Service::serviceName).toList()
                + ", config " + config;
        assertTrue(item("LEASE", "service/" + SERVICE).isEmpty(), "no lock left behind; " + where);
        if (config.isEmpty()) {
            assertEquals(List.of(), services, "gone means no ECS service left; " + where);
            assertEquals(List.of(), activeTaskDefinitions(), "gone means no task definition left; " + where);
            return;
        }
        assertTrue(!services.isEmpty(), "a stored config means the service runs; " + where);
        String interval = config.get("config").m().get("interval").n();
        for (int i = 0; i < services.size(); i++) {
            Service s = services.get(i);
            assertEquals(SERVICE + "-" + (i + 1), s.serviceName(), "instances are numbered 1..n; " + where);
            TaskDefinition td = ecs.describeTaskDefinition(r -> r.taskDefinition(s.taskDefinition())).taskDefinition();
            assertEquals(TaskDefinitionStatus.ACTIVE, td.status(), where);
            String running = td.containerDefinitions().getFirst().environment().stream()
                    .filter(e -> e.name().equals("COLLECTOR_INTERVAL")).findFirst().orElseThrow().value();
            assertEquals(interval, running, s.serviceName() + " runs the stored config; " + where);
        }
    }

    /** Back to nothing between rounds, so each round starts from its own setup deploy. */
    private void tidy(int round) {
        HttpResponse<String> r = local.http("DELETE", "/v1/services/" + SERVICE + "?confirm=" + SERVICE, null);
        assertEquals(200, r.statusCode(), "tidy after round " + round + ": " + r.body());
        assertEquals(List.of(), services());
    }

    private List<Service> services() {
        List<String> arns = ecs.listServices(r -> r.cluster("quants-infra")).serviceArns();
        if (arns.isEmpty()) {
            return List.of();
        }
        return ecs.describeServices(r -> r.cluster("quants-infra").services(arns)).services().stream()
                .filter(s -> s.status().equals("ACTIVE") && s.serviceName().startsWith(SERVICE + "-"))
                .sorted(java.util.Comparator.comparing(Service::serviceName)).toList();
    }

    private List<String> activeTaskDefinitions() {
        return ecs.listTaskDefinitions(r -> r.familyPrefix(SERVICE + "-").status(TaskDefinitionStatus.ACTIVE))
                .taskDefinitionArns();
    }

    private Map<String, AttributeValue> item(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(local.local.settings().table()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
        return item == null ? Map.of() : item;
    }
}
