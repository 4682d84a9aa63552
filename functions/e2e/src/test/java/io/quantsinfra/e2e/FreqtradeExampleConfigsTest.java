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
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * Issue 13 item 4 against local mode: configs in the shape of Freqtrade's own {@code config_examples}
 * (comments, trailing commas, keys quants-infra does not type, placeholder secrets, the REST API off) deploy
 * with {@code --store-secrets} and, where the file names none, {@code --strategy}; a document with several
 * problems is refused with all of them at once, through the CLI and the raw API, and changes nothing.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreqtradeExampleConfigsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The example files' placeholder secrets: none may reach the task definition as text. */
    private static final List<String> PLACEHOLDERS = List.of("your_exchange_key", "your_exchange_secret",
            "your_telegram_token", "SuperSecurePassword", "somethingrandom", "secret_ws_t0ken.");
    private static final String BROKEN = """
            {
                // four problems, and no strategy
                "stake_amount": 0,
                "timeframe": "5 minutes",
                "dry_run": "no",
                "exchange": {
                    "name": "binance",
                    "pair_whitelist": ["BTC/USDT", "ETH-USDT",],
                },
            }
            """;
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

    static Stream<Arguments> examples() {
        return Stream.of(
                // name, --strategy, strategy expected, keys passed through with a warning, free-form keys kept,
                // whether the file holds a literal exchange key (moved to a secret)
                Arguments.of("config_full", null, "SampleStrategy", List.of("strategy_path", "exchange.sandbox",
                        "add_config_files", "recursive_strategy_search"),
                        List.of("minimal_roi", "order_types.stoploss_on_exchange", "external_message_consumer"), true),
                Arguments.of("config_binance", "BinanceStrategy", "BinanceStrategy",
                        List.of("bid_strategy", "ask_strategy", "forcebuy_enable"), List.of("unfilledtimeout.buy"), true),
                Arguments.of("config_kraken", "KrakenStrategy", "KrakenStrategy",
                        List.of("download_trades", "bid_strategy", "forcebuy_enable"), List.of("edge.remove_pumps"), true),
                Arguments.of("config_freqai", "FreqaiExampleStrategy", "FreqaiExampleStrategy", List.of(),
                        List.of("freqai.feature_parameters.include_corr_pairlist", "freqai.model_training_parameters"),
                        false));
    }

    private Path example(String name) throws IOException {
        Path file = dir.resolve(name + ".example.json");
        try (InputStream in = getClass().getResourceAsStream("/freqtrade-examples/" + name + ".example.json")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private ContainerDefinition bot() {
        String arn = ecs.describeServices(r -> r.cluster("quants-infra").services("freqtrade-1")).services().getFirst()
                .taskDefinition();
        return ecs.describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition().containerDefinitions().getFirst();
    }

    private static JsonNode at(JsonNode doc, String dotted) {
        JsonNode n = doc;
        for (String step : dotted.split("\\.")) {
            n = n.path(step);
        }
        return n;
    }

    @Test
    @Order(1)
    void dryRun_ofTheFullExample_printsItsWarnings_andChangesNothing() throws IOException {
        Path file = example("config_full");
        String before = local.emulatorState();

        var run = local.cli("deploy", "--service", "freqtrade", "--host", "us-east-1a", "--config", file.toString(),
                "--store-secrets", "--dry-run");

        assertEquals(0, run.exit(), run::toString);
        assertAll(
                () -> assertTrue(run.err().contains("warning: strategy_path: not checked by quants-infra, passed to "
                        + "Freqtrade as written"), run::toString),
                () -> assertTrue(run.err().contains("warning: exchange.sandbox: not checked by quants-infra"), run::toString),
                () -> assertTrue(run.err().contains("warning: api_server.enabled: false in the file; quants-infra turns "
                        + "the REST API on"), run::toString),
                () -> assertTrue(run.err().contains("warning: api_server.listen_ip_address: \"127.0.0.1\" in the file"),
                        run::toString),
                () -> assertTrue(run.out().contains("would store exchange.key as secret freqtrade/exchange/key"), run::toString),
                () -> assertTrue(run.out().contains("Nothing was changed (--dry-run)"), run::toString));
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @Order(2)
    void deploy_freqtradesOwnExample_withStoreSecrets_runsWithReferencesAndTheApiOn(String name, String strategy,
            String expectedStrategy, List<String> warned, List<String> kept, boolean literalKey) throws IOException {
        List<String> args = new ArrayList<>(List.of("deploy", "--service", "freqtrade", "--host", "us-east-1a",
                "--config", example(name).toString(), "--store-secrets", "--no-wait"));
        if (strategy != null) {
            args.addAll(List.of("--strategy", strategy));
        }

        var run = local.cli(args.toArray(String[]::new));

        assertEquals(0, run.exit(), run::toString);
        ContainerDefinition bot = bot();
        String taskDefinition = bot.toString();
        JsonNode config = JSON.readTree(bot.environment().stream()
                .filter(e -> e.name().equals("QUANTS_INFRA_CONFIG_JSON")).findFirst().orElseThrow().value());
        Map<String, String> secrets = new java.util.HashMap<>();
        bot.secrets().forEach(s -> secrets.put(s.name(), s.valueFrom()));
        assertAll(
                () -> assertTrue(PLACEHOLDERS.stream().noneMatch(taskDefinition::contains), taskDefinition),
                () -> assertTrue(secrets.values().stream().allMatch(v -> v.contains(":secret:quants-infra/")), secrets::toString),
                () -> assertTrue(secrets.containsKey("FREQTRADE__API_SERVER__PASSWORD"), secrets::toString),
                () -> assertTrue(secrets.containsKey("FREQTRADE__API_SERVER__JWT_SECRET_KEY"), secrets::toString),
                () -> assertEquals(true, config.path("api_server").path("enabled").asBoolean(false), config::toString),
                () -> assertEquals("0.0.0.0", config.path("api_server").path("listen_ip_address").asText(), config::toString),
                () -> assertEquals(expectedStrategy, config.path("strategy").asText(), config::toString),
                () -> assertTrue(String.join(" ", bot.command()).contains("--strategy " + expectedStrategy), bot::toString),
                () -> assertTrue(Stream.concat(warned.stream(), kept.stream()).noneMatch(k -> at(config, k).isMissingNode()),
                        () -> warned + " " + kept + " in " + config),
                () -> assertTrue(warned.stream().allMatch(k -> run.err().contains("warning: " + k + ": ")), run::toString),
                () -> assertTrue(kept.stream().noneMatch(k -> run.err().contains("warning: " + k)), run::toString),
                () -> assertEquals(literalKey, secrets.getOrDefault("FREQTRADE__EXCHANGE__KEY", "")
                        .contains(":secret:quants-infra/freqtrade/exchange/key"), secrets::toString));
    }

    @Test
    @Order(4)
    void deploy_withoutAnyStrategy_isRefusedNamingBothWays() throws IOException {
        String before = local.emulatorState();

        var run = local.cli("deploy", "--service", "freqtrade", "--config", example("config_binance").toString(),
                "--store-secrets");

        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("strategy: is required"), run::toString);
        assertTrue(run.err().contains("name it in the config or pass --strategy NAME"), run::toString);
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }

    @Test
    @Order(5)
    void deploy_aDocumentWithSeveralProblems_cliPrintsEachOnItsOwnLine() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.json"), BROKEN);
        String before = local.emulatorState();

        var run = local.cli("deploy", "--service", "freqtrade", "--config", file.toString());

        assertEquals(2, run.exit(), run::toString);
        List<String> lines = run.err().lines().toList();
        assertEquals("error: 5 problems:", lines.getFirst(), run::toString);
        for (String path : List.of("stake_amount: ", "timeframe: ", "dry_run: ", "exchange.pair_whitelist[1]: ", "strategy: ")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("  " + path)), () -> path + "\n" + run);
        }
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }

    @Test
    @Order(6)
    void deploy_aDocumentWithSeveralProblems_apiAnswers400WithAllOfThem() throws IOException {
        String config = JSON.writeValueAsString(JSON.readValue(BROKEN.replaceAll("//.*", "").replaceAll(",(\\s*[]}])", "$1"),
                Object.class));
        String before = local.emulatorState();

        HttpResponse<String> r = local.http("POST", "/v1/services/freqtrade/deploy", "{\"config\": " + config + "}");

        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r::toString);
        JsonNode problem = JSON.readTree(r.body());
        List<String> paths = new ArrayList<>();
        problem.path("errors").forEach(e -> paths.add(e.path("path").asText()));
        assertEquals(List.of("stake_amount", "dry_run", "timeframe", "exchange.pair_whitelist[1]", "strategy"), paths);
        assertTrue(problem.path("detail").asText().startsWith("5 problems:"), r.body());
        assertFalse(problem.has("field"), r.body());
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }
}
