package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/**
 * A consumer bot with a producers list (Freqtrade's {@code external_message_consumer.producers[].ws_token}) against
 * local mode: without --store-secrets both literal tokens are refused at once and nothing changes; with it each token
 * is stored as {@code freqtrade/external_message_consumer/producers/<n>/ws_token} and reaches the task definition only
 * as an ECS secret, with the paths the start script fills.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreqtradeProducersEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN_A = "wsTOKENproducerA0123456789";
    private static final String TOKEN_B = "wsTOKENproducerB0123456789";
    private static final String CONFIG = """
            {
                // a consumer following two producers, as Freqtrade's producer/consumer docs write it
                "strategy": "SampleStrategy",
                "stake_amount": 100,
                "exchange": {"name": "binance"},
                "external_message_consumer": {
                    "enabled": true,
                    "producers": [
                        {"name": "default", "host": "10.0.1.5", "port": 8080, "secure": false, "ws_token": "%s"},
                        {"name": "backup", "host": "10.0.1.6", "ws_token": "%s"},
                    ],
                    "wait_timeout": 300,
                },
            }
            """.formatted(TOKEN_A, TOKEN_B);
    private LocalModeFixture local;
    private EcsClient ecs;
    @TempDir
    Path dir;

    @BeforeAll
    void start(AwsEmulator aws) {
        local = new LocalModeFixture(aws);
        ecs = local.clients.ecs();
    }

    @AfterAll
    void stop() {
        ecs.close();
        local.close();
    }

    @Test
    @Order(1)
    void deploy_withLiteralProducerTokens_isRefusedNamingEach_andChangesNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("consumer.json"), CONFIG);
        String before = local.emulatorState();

        var run = local.cli("deploy", "--service", "freqtrade", "--config", file.toString());

        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("external_message_consumer.producers[0].ws_token: literal secrets are not accepted"),
                run::toString);
        assertTrue(run.err().contains("external_message_consumer.producers[1].ws_token: literal secrets are not accepted"),
                run::toString);
        assertFalse(run.toString().contains(TOKEN_A) || run.toString().contains(TOKEN_B), run::toString);
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }

    @Test
    @Order(2)
    void deploy_withStoreSecrets_storesEachToken_andPassesItAsAnEcsSecretOnly() throws IOException {
        Path file = Files.writeString(dir.resolve("consumer.json"), CONFIG);

        var run = local.cli("deploy", "--service", "freqtrade", "--host", "us-east-1a", "--config", file.toString(),
                "--store-secrets", "--no-wait");

        assertEquals(0, run.exit(), run::toString);
        String prefix = local.local.settings().secretPrefix();
        try (var sm = local.clients.secretsManager()) {
            assertEquals(TOKEN_A, sm.getSecretValue(r -> r.secretId(prefix + "freqtrade/external_message_consumer/producers/0/ws_token"))
                    .secretString());
            assertEquals(TOKEN_B, sm.getSecretValue(r -> r.secretId(prefix + "freqtrade/external_message_consumer/producers/1/ws_token"))
                    .secretString());
        }
        String arn = ecs.describeServices(r -> r.cluster("quants-infra").services("freqtrade-1")).services().getFirst()
                .taskDefinition();
        ContainerDefinition bot = ecs.describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition()
                .containerDefinitions().getFirst();
        Map<String, String> secrets = new HashMap<>();
        bot.secrets().forEach(s -> secrets.put(s.name(), s.valueFrom()));
        Map<String, String> env = new HashMap<>();
        bot.environment().forEach(e -> env.put(e.name(), e.value()));
        JsonNode config = JSON.readTree(env.get("QUANTS_INFRA_CONFIG_JSON"));
        JsonNode paths = JSON.readTree(env.get("QUANTS_INFRA_SECRET_PATHS"));
        assertAll(
                () -> assertFalse(bot.toString().contains(TOKEN_A) || bot.toString().contains(TOKEN_B), bot::toString),
                () -> assertTrue(secrets.get("QUANTS_INFRA_SECRET__EXTERNAL_MESSAGE_CONSUMER__PRODUCERS__0__WS_TOKEN")
                        .contains(":secret:" + prefix + "freqtrade/external_message_consumer/producers/0/ws_token"), secrets::toString),
                () -> assertTrue(secrets.get("QUANTS_INFRA_SECRET__EXTERNAL_MESSAGE_CONSUMER__PRODUCERS__1__WS_TOKEN")
                        .contains(":secret:" + prefix + "freqtrade/external_message_consumer/producers/1/ws_token"), secrets::toString),
                () -> assertEquals("[\"external_message_consumer\",\"producers\",1,\"ws_token\"]",
                        paths.path("QUANTS_INFRA_SECRET__EXTERNAL_MESSAGE_CONSUMER__PRODUCERS__1__WS_TOKEN").toString()),
                () -> assertEquals("10.0.1.6", config.path("external_message_consumer").path("producers").path(1).path("host")
                        .asText(), config::toString),
                () -> assertTrue(config.path("external_message_consumer").path("producers").path(0).path("ws_token").isMissingNode(),
                        config::toString),
                () -> assertTrue(String.join(" ", bot.command()).startsWith("python3 -c "), bot::toString),
                () -> assertFalse(run.err().contains("warning: external_message_consumer"), run::toString));
    }
}
