package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Issue 3's scenario against local mode: secrets put/get/rotate/delete/restore through the CLI, references in
 * a Freqtrade config injected as ECS secrets, literal secrets refused or stored, and at the end a scan of
 * every log line, response, error and task definition for the canary values: zero hits.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CANARIES = List.of("CANARY-binance-key-1a2b", "CANARY-binance-secret-3c4d",
            "CANARY-rotated-key-5e6f", "CANARY-rotated-secret-7a8b", "CANARY-literal-secret-9c0d", "CANARY-",
            "CANARYwebhookTOKEN");
    private LocalModeFixture local;
    private LogCapture logs;
    private EcsClient ecs;
    private final List<String> outputs = new ArrayList<>();
    private final List<String> revealed = new ArrayList<>();
    @TempDir
    Path dir;

    @BeforeAll
    void start(AwsEmulator aws) {
        logs = new LogCapture();
        local = new LocalModeFixture(aws);
        ecs = local.clients.ecs();
    }

    @AfterAll
    void stop() {
        ecs.close();
        local.close();
        logs.close();
    }

    private LocalModeFixture.Run cli(String... args) {
        LocalModeFixture.Run run = local.cli(args);
        outputs.add(run.out());
        outputs.add(run.err());
        return run;
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private TaskDefinition taskDefinition(String instance) {
        String arn = ecs.describeServices(r -> r.cluster("quants-infra").services(instance)).services().getFirst().taskDefinition();
        return ecs.describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition();
    }

    private String deploymentId(String instance) {
        return ecs.describeServices(r -> r.cluster("quants-infra").services(instance)).services().getFirst()
                .deployments().getFirst().id();
    }

    @Test
    @Order(1)
    void put_storesAJsonSecret_andGetShowsNoValue() throws IOException {
        Path value = file("binance.json", "{\"apiKey\": \"CANARY-binance-key-1a2b\", \"apiSecret\": \"CANARY-binance-secret-3c4d\"}\n");

        var put = cli("secrets", "put", "binance", "--value-file", value.toString());
        var get = cli("secrets", "get", "binance");

        assertEquals(0, put.exit(), put::toString);
        assertEquals(0, get.exit(), get::toString);
        assertTrue(get.out().contains("json keys:     apiKey, apiSecret"), get::toString);
    }

    @Test
    @Order(2)
    void deploy_freqtradeReferencingTwoKeys_injectsEcsSecretsWithoutPlaintext() throws IOException {
        Path config = file("bot.yaml", """
                strategy: LumosCrypto_v1
                stake_amount: 100
                exchange:
                  name: binance
                  key: {secretRef: binance, jsonKey: apiKey}
                  secret: {secretRef: binance, jsonKey: apiSecret}
                  pair_whitelist: [BTC/USDT]
                """);

        var run = cli("deploy", "--service", "freqtrade", "--host", "us-east-1a", "--config", config.toString());

        assertEquals(0, run.exit(), run::toString);
        ContainerDefinition bot = taskDefinition("freqtrade-1").containerDefinitions().getFirst();
        var byName = new java.util.HashMap<String, String>();
        bot.secrets().forEach(s -> byName.put(s.name(), s.valueFrom()));
        assertTrue(byName.get("FREQTRADE__EXCHANGE__KEY").endsWith(":apiKey::"), byName::toString);
        assertTrue(byName.get("FREQTRADE__EXCHANGE__SECRET").endsWith(":apiSecret::"), byName::toString);
        assertTrue(byName.get("FREQTRADE__EXCHANGE__KEY").contains(":secret:quants-infra/binance"), byName::toString);
        var get = cli("secrets", "get", "binance");
        assertTrue(get.out().contains("referenced by: freqtrade-1"), get::toString);
    }

    @Test
    @Order(3)
    void rotate_redeploysExactlyTheInstancesThatUseTheSecret_andKeepsThePreviousVersion() throws IOException {
        Path collector = file("collector.json", "{\"pairs\": [\"BTC-USDT\"]}");
        assertEquals(0, cli("deploy", "--service", "data-collector", "--config", collector.toString()).exit());
        String bot = deploymentId("freqtrade-1");
        String other = deploymentId("data-collector-1");
        Path value = file("rotated.json", "{\"apiKey\": \"CANARY-rotated-key-5e6f\", \"apiSecret\": \"CANARY-rotated-secret-7a8b\"}");

        var run = cli("secrets", "rotate", "binance", "--value-file", value.toString());

        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("[1/1] freqtrade-1: new deployment"), run::toString);
        assertTrue(!bot.equals(deploymentId("freqtrade-1")), "freqtrade-1 got a new deployment");
        assertEquals(other, deploymentId("data-collector-1"), "data-collector-1 does not use the secret");
        try (SecretsManagerClient sm = local.clients.secretsManager()) {
            var stages = sm.describeSecret(r -> r.secretId("quants-infra/binance")).versionIdsToStages().values();
            assertTrue(stages.stream().anyMatch(s -> s.contains("AWSPREVIOUS")), stages::toString);
        }
        var reveal = local.cli("secrets", "get", "binance", "--reveal");
        revealed.add(reveal.out());
        assertTrue(reveal.out().contains("CANARY-rotated-key-5e6f"), "reveal shows the new value");
    }

    @Test
    @Order(4)
    void delete_withRecovery_thenRestore() {
        var delete = cli("secrets", "delete", "binance", "--recovery-days", "7");
        assertEquals(0, delete.exit(), delete::toString);
        assertTrue(delete.out().contains("scheduled for deletion"), delete::toString);

        var reveal = cli("secrets", "get", "binance", "--reveal");
        assertEquals(3, reveal.exit(), reveal::toString);
        assertTrue(reveal.err().contains("scheduled for deletion"), reveal::toString);

        var restore = cli("secrets", "restore", "binance");
        assertEquals(0, restore.exit(), restore::toString);
        assertTrue(cli("secrets", "list").out().contains("active"));
    }

    @Test
    @Order(5)
    void deploy_referencingAMissingSecretOrKey_failsBeforeAnyEcsChange() throws IOException {
        String before = local.emulatorState();
        Path missingSecret = file("missing.yaml", """
                strategy: S
                stake_amount: 1
                exchange: {name: binance, key: {secretRef: nope, jsonKey: apiKey}, pair_whitelist: [BTC/USDT]}
                """);
        Path missingKey = file("missingkey.yaml", """
                strategy: S
                stake_amount: 1
                exchange: {name: binance, key: {secretRef: binance, jsonKey: apiKeyy}, pair_whitelist: [BTC/USDT]}
                """);

        var a = cli("deploy", "--service", "freqtrade", "--config", missingSecret.toString());
        var b = cli("deploy", "--service", "freqtrade", "--config", missingKey.toString());

        assertEquals(3, a.exit(), a::toString);
        assertTrue(a.err().contains("secret 'nope' does not exist"), a::toString);
        assertEquals(3, b.exit(), b::toString);
        assertTrue(b.err().contains("no JSON key 'apiKeyy'"), b::toString);
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }

    @Test
    @Order(6)
    void deploy_literalExchangeSecret_isRefused_orStoredWithStoreSecrets() throws IOException {
        Path literal = file("literal.yaml", """
                strategy: S
                stake_amount: 1
                exchange: {name: binance, key: {secretRef: binance, jsonKey: apiKey}, secret: CANARY-literal-secret-9c0d, pair_whitelist: [BTC/USDT]}
                """);
        String before = local.emulatorState();

        var refused = cli("deploy", "--service", "freqtrade", "--config", literal.toString());

        assertEquals(2, refused.exit(), refused::toString);
        assertTrue(refused.err().contains("quants-infra secrets put"), refused::toString);
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));

        var stored = cli("deploy", "--service", "freqtrade", "--config", literal.toString(), "--store-secrets");

        assertEquals(0, stored.exit(), stored::toString);
        assertTrue(stored.out().contains("stored exchange.secret as secret freqtrade/exchange/secret"), stored::toString);
        ContainerDefinition bot = taskDefinition("freqtrade-1").containerDefinitions().getFirst();
        assertTrue(bot.secrets().stream().anyMatch(s -> s.name().equals("FREQTRADE__EXCHANGE__SECRET")
                && s.valueFrom().contains(":secret:quants-infra/freqtrade/exchange/secret")), bot.secrets()::toString);
    }

    @Test
    @Order(7)
    void deploy_aFullFreqtradeConfig_movesEverySecretToReferences() throws IOException {
        Path full = dir.resolve("config_full.json");
        try (InputStream in = getClass().getResourceAsStream("/freqtrade/config_full_literals.json")) {
            Files.write(full, in.readAllBytes());
        }

        var run = cli("deploy", "--service", "freqtrade", "--config", full.toString(), "--store-secrets");

        assertEquals(0, run.exit(), run::toString);
        for (String field : List.of("exchange.key", "exchange.secret", "telegram.token", "api_server.password",
                "api_server.jwt_secret_key", "api_server.ws_token")) {
            assertTrue(run.out().contains("stored " + field + " as secret"), () -> field + "\n" + run);
        }
        ContainerDefinition bot = taskDefinition("freqtrade-1").containerDefinitions().getFirst();
        List<String> names = bot.secrets().stream().map(s -> s.name()).toList();
        assertTrue(names.containsAll(List.of("FREQTRADE__EXCHANGE__KEY", "FREQTRADE__EXCHANGE__SECRET",
                "FREQTRADE__TELEGRAM__TOKEN", "FREQTRADE__API_SERVER__PASSWORD")), names::toString);
    }

    @Test
    @Order(99)
    void canaryScan_findsNoSecretValueOutsideReveal() throws IOException {
        List<String> places = new ArrayList<>();
        places.addAll(outputs);
        places.addAll(logs.lines());
        int responses = outputs.size();
        int logLines = logs.lines().size();
        List<String> arns = ecs.listTaskDefinitions(r -> r.maxResults(100)).taskDefinitionArns();
        for (String arn : arns) {
            places.add(ecs.describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition().toString());
        }
        JsonNode state = JSON.readTree(local.emulatorState());
        for (String service : List.of("ecs", "dynamodb", "logs", "s3")) {
            places.add(state.path(service).toString());
        }
        for (String path : List.of("/v1/status", "/v1/secrets", "/v1/secrets/binance", "/v1/services/freqtrade/history")) {
            places.add(local.http("GET", path, null).body());
        }

        List<String> hits = new ArrayList<>();
        for (String place : places) {
            for (String canary : CANARIES) {
                if (place.contains(canary)) {
                    hits.add(canary + " in: " + place.substring(Math.max(0, place.indexOf(canary) - 120),
                            Math.min(place.length(), place.indexOf(canary) + 60)));
                }
            }
        }
        System.out.printf("canary scan: %d places (%d CLI outputs, %d log lines, %d task definitions, 4 emulator services, "
                + "4 API responses), %d hits; %d reveal output(s) excluded%n", places.size(), responses, logLines,
                arns.size(), hits.size(), revealed.size());
        assertTrue(logLines > 20, "the scan saw the API's log lines");
        assertFalse(arns.isEmpty());
        assertEquals(List.of(), hits);
    }
}
