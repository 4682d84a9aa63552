package io.quantsinfra.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.Overrides;
import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.deploy.TaskSpec.ContainerSpec;
import io.quantsinfra.core.deploy.TaskSpec.SecretEnv;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.LiteralSecretException;
import io.quantsinfra.core.secret.LiteralSecrets;
import io.quantsinfra.core.secret.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets inside lists of a Freqtrade config: the producers of {@code external_message_consumer} each carry a
 * {@code ws_token}. They work like every other secret key: a literal is refused unless --store-secrets moves it to
 * {@code freqtrade/<field path>}, a reference reaches the container as an ECS secret, and the container's start script
 * puts it back into its list element before Freqtrade starts (Freqtrade's FREQTRADE__ variables have no list index).
 */
class FreqtradeProducersTest {
    private static final FreqtradeService FREQTRADE = new FreqtradeService();
    private static final InstanceId BOT = InstanceId.parse("freqtrade-2");
    private static final PlatformContext PLATFORM = new PlatformContext("/quants-infra", null, null, "cfg-bucket", "eu-west-1");
    private static final String BASE = """
            strategy: SampleStrategy
            stake_amount: 100
            exchange: {name: binance}
            """;
    private static final String TOKEN_A = "wsTOKENproducerA0123456789";
    private static final String TOKEN_B = "wsTOKENproducerB0123456789";

    private static Map<String, Object> withProducers(String tokenA, String tokenB) {
        return Documents.yaml(BASE + """
                external_message_consumer:
                  enabled: true
                  producers:
                    - {name: default, host: 10.0.1.5, port: 8080, ws_token: %s}
                    - {name: backup, host: 10.0.1.6, secure: false, ws_token: %s}
                """.formatted(tokenA, tokenB));
    }

    @Test
    void validate_refusesALiteralTokenInEachProducer_withItsPath_withoutEchoingIt() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FREQTRADE.validate(withProducers(TOKEN_A, TOKEN_B)));

        List<InvalidInputException> problems = e.singles();
        assertEquals(List.of("external_message_consumer.producers[0].ws_token", "external_message_consumer.producers[1].ws_token"),
                problems.stream().map(InvalidInputException::field).toList());
        assertTrue(problems.stream().allMatch(p -> p instanceof LiteralSecretException), problems::toString);
        assertFalse(e.getMessage().contains(TOKEN_A) || e.getMessage().contains(TOKEN_B), e.getMessage());
    }

    @Test
    void storeSecrets_movesEachProducersTokenToAServiceSecretNamedByItsPath() {
        LiteralSecrets.Extraction x = LiteralSecrets.extract(FREQTRADE, withProducers(TOKEN_A, TOKEN_B));

        assertEquals(List.of("freqtrade/external_message_consumer/producers/0/ws_token",
                "freqtrade/external_message_consumer/producers/1/ws_token"), x.literals().stream().map(LiteralSecrets.Literal::name).toList());
        assertEquals(TOKEN_A, x.literals().getFirst().value().reveal());
        ServiceConfig c = FREQTRADE.validate(x.document());
        assertEquals(List.of(
                        new SecretBinding("external_message_consumer.producers[0].ws_token", "freqtrade",
                                "QUANTS_INFRA_SECRET__EXTERNAL_MESSAGE_CONSUMER__PRODUCERS__0__WS_TOKEN",
                                new SecretRef("freqtrade/external_message_consumer/producers/0/ws_token", null)),
                        new SecretBinding("external_message_consumer.producers[1].ws_token", "freqtrade",
                                "QUANTS_INFRA_SECRET__EXTERNAL_MESSAGE_CONSUMER__PRODUCERS__1__WS_TOKEN",
                                new SecretRef("freqtrade/external_message_consumer/producers/1/ws_token", null))),
                FREQTRADE.secretBindings(c));
    }

    @Test
    void validate_keepsTheProducersTypes_andRefusesAProducerWithoutToken() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FREQTRADE.validate(Documents.yaml(BASE + """
                external_message_consumer:
                  producers:
                    - {name: default, host: 10.0.1.5, port: "eighty"}
                """)));

        assertEquals(List.of("external_message_consumer.producers[0].port", "external_message_consumer.producers[0].ws_token"),
                e.singles().stream().map(InvalidInputException::field).sorted().toList());
    }

    private static TaskSpecParts referencedTaskSpec() {
        FakeSecretResolver secrets = new FakeSecretResolver()
                .put("mesh", "a", TOKEN_A)
                .put("mesh", "b", TOKEN_B);
        ServiceConfig c = FREQTRADE.validate(Documents.yaml(BASE + """
                external_message_consumer:
                  enabled: true
                  producers:
                    - {name: default, host: 10.0.1.5, ws_token: {secretRef: mesh, jsonKey: a}}
                    - {name: backup, host: 10.0.1.6, ws_token: {secretRef: mesh, jsonKey: b}}
                """));
        return new TaskSpecParts(FREQTRADE.taskSpec(BOT, c, Overrides.NONE, PLATFORM, secrets).containers().getFirst(), secrets);
    }

    private record TaskSpecParts(ContainerSpec container, FakeSecretResolver secrets) {}

    @Test
    void taskSpec_passesEachTokenAsAnEcsSecret_andThePathsAsPlainJson() {
        TaskSpecParts t = referencedTaskSpec();
        ContainerSpec ft = t.container();
        String arn = FakeSecretResolver.ARN_PREFIX;

        assertTrue(ft.secrets().containsAll(List.of(
                new SecretEnv("QUANTS_INFRA_SECRET__EXTERNAL_MESSAGE_CONSUMER__PRODUCERS__0__WS_TOKEN", arn + "mesh:a::"),
                new SecretEnv("QUANTS_INFRA_SECRET__EXTERNAL_MESSAGE_CONSUMER__PRODUCERS__1__WS_TOKEN", arn + "mesh:b::"))),
                ft.secrets()::toString);
        assertEquals(Map.of(
                "QUANTS_INFRA_SECRET__EXTERNAL_MESSAGE_CONSUMER__PRODUCERS__0__WS_TOKEN",
                List.of("external_message_consumer", "producers", 0, "ws_token"),
                "QUANTS_INFRA_SECRET__EXTERNAL_MESSAGE_CONSUMER__PRODUCERS__1__WS_TOKEN",
                List.of("external_message_consumer", "producers", 1, "ws_token")),
                Documents.json(ft.environment().get(FreqtradeService.SECRET_PATHS_ENV)));
        String config = ft.environment().get(FreqtradeService.CONFIG_ENV);
        assertFalse(ft.toString().contains(TOKEN_A) || ft.toString().contains(TOKEN_B), ft::toString);
        assertFalse(config.contains("ws_token") || config.contains("secretRef"), config);
        assertTrue(config.contains("\"host\":\"10.0.1.6\""), config);
        assertTrue(ft.command().getFirst().startsWith("python3 -c '"), ft.command()::toString);
    }

    @Test
    void startScript_putsEachTokenBackIntoItsProducer_beforeFreqtradeStarts(@TempDir Path dir) throws Exception {
        ContainerSpec ft = referencedTaskSpec().container();
        Path config = dir.resolve("config.json");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // A stand-in for the image's freqtrade: prints the config file it is started with, and its mode.
        Path freqtrade = Files.writeString(bin.resolve("freqtrade"), "#!/bin/sh\nstat -c %a \"$3\"\ncat \"$3\"\n");
        Files.setPosixFilePermissions(freqtrade, PosixFilePermissions.fromString("rwxr-xr-x"));
        String script = ft.command().getFirst().replace(FreqtradeService.CONFIG_PATH, config.toString());
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(ft.environment());
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("QUANTS_INFRA_SECRET__EXTERNAL_MESSAGE_CONSUMER__PRODUCERS__0__WS_TOKEN", TOKEN_A);
        pb.environment().put("QUANTS_INFRA_SECRET__EXTERNAL_MESSAGE_CONSUMER__PRODUCERS__1__WS_TOKEN", TOKEN_B);
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the start script finished");
        String out = new String(p.getInputStream().readAllBytes());

        assertEquals(0, p.exitValue(), out);
        assertEquals("600", out.lines().findFirst().orElseThrow(), "the file with the tokens is readable by its owner only");
        Map<String, Object> written = Documents.json(out.substring(out.indexOf('\n') + 1));
        List<?> producers = (List<?>) ((Map<?, ?>) written.get("external_message_consumer")).get("producers");
        assertEquals(Map.of("name", "default", "host", "10.0.1.5", "ws_token", TOKEN_A), producers.get(0));
        assertEquals(Map.of("name", "backup", "host", "10.0.1.6", "ws_token", TOKEN_B), producers.get(1));
        assertEquals("SampleStrategy", written.get("strategy"));
    }

    @Test
    void startScript_withoutSecretsInLists_staysThePlainCopy() {
        ServiceConfig c = FREQTRADE.validate(Documents.yaml(BASE + "external_message_consumer: {enabled: false, producers: []}\n"));
        ContainerSpec ft = FREQTRADE.taskSpec(BOT, c, Overrides.NONE, PLATFORM, new FakeSecretResolver()).containers().getFirst();

        assertTrue(ft.command().getFirst().startsWith("printf '%s' \"$QUANTS_INFRA_CONFIG_JSON\" > "), ft.command()::toString);
        assertFalse(ft.environment().containsKey(FreqtradeService.SECRET_PATHS_ENV));
    }
}
