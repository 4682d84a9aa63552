package io.quantsinfra.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.Overrides;
import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.deploy.TaskSpec.ContainerSpec;
import io.quantsinfra.core.deploy.TaskSpec.SecretEnv;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.secret.SecretRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FreqtradeServiceTest {
    private static final FreqtradeService FREQTRADE = new FreqtradeService();
    private static final InstanceId BOT = InstanceId.parse("freqtrade-1");
    private static final PlatformContext PLATFORM = new PlatformContext("/quants-infra", null, null, "cfg-bucket", "eu-west-1");
    private static final String ARN = FakeSecretResolver.ARN_PREFIX;

    private static FakeSecretResolver fullExampleSecrets() {
        return new FakeSecretResolver()
                .put("freqtrade/binance-main", "key", "AKbinanceKEY0123456789")
                .put("freqtrade/binance-main", "secret", "binanceSECRET0123456789abcdef")
                .put("freqtrade/telegram", "token", "123456789:AAHtelegramTOKENxyz")
                .put("freqtrade/api", "jwt_secret_key", "jwtSECRET0123456789")
                .put("freqtrade/api", "ws_token", "wsTOKEN0123456789")
                .put("freqtrade/api", "password", "apiPASSWORD0123456789")
                .put("freqtrade/discord-webhook", null, "https://discord.com/api/webhooks/1/TOKENabcdef0123456789");
    }

    @Test
    void validate_fillsDefaults_forTheSeedExample() {
        ServiceConfig c = FREQTRADE.validate(Documents.resource("catalog/freqtrade/minimal.yaml"));
        Map<String, Object> v = c.values();
        assertEquals("freqtrade", c.service());
        assertEquals(true, v.get("dry_run"));
        assertEquals(3, v.get("max_open_trades"));
        assertEquals("USDT", v.get("stake_currency"));
        assertEquals(100L, v.get("stake_amount"));
        assertEquals(Map.of("enabled", true, "listen_ip_address", "0.0.0.0", "listen_port", 8080, "verbosity", "error",
                "enable_openapi", false, "username", "freqtrader"), v.get("api_server"));
        assertFalse(v.containsKey("telegram"));
        assertFalse(FREQTRADE.isLive(c));
    }

    @Test
    void validate_acceptsTheFullFreqtradeExampleWithSecretReferences() {
        ServiceConfig c = FREQTRADE.validate(Documents.resource("catalog/freqtrade/config_full.json"));
        assertEquals("SampleStrategy", c.values().get("strategy"));
        assertEquals(0.05, c.values().get("stake_amount"));
        assertEquals(List.of("BNB/.*"), ((Map<?, ?>) c.values().get("exchange")).get("pair_blacklist"));
        assertFalse(((Map<?, ?>) c.values().get("exchange")).containsKey("password"), "an empty secret means not set");
    }

    @Test
    void validate_isIdempotent_soStoredConfigsRevalidateToThemselves() {
        for (String doc : List.of("catalog/freqtrade/config_full.json", "catalog/freqtrade/minimal.yaml", "catalog/freqtrade/live.yaml")) {
            ServiceConfig once = FREQTRADE.validate(Documents.resource(doc));
            assertEquals(once, FREQTRADE.validate(once.values()), doc);
        }
    }

    @Test
    void validate_givesEqualConfigs_forTheSameDocumentInJsonAndYaml() {
        Map<String, Object> json = Documents.json("{\"strategy\":\"S\",\"stake_amount\":100,\"max_open_trades\":3.0,"
                + "\"exchange\":{\"name\":\"binance\"},\"minimal_roi\":{\"0\":0.04}}");
        Map<String, Object> yaml = Documents.yaml("strategy: S\nstake_amount: 100\nmax_open_trades: 3\n"
                + "exchange: {name: binance}\nminimal_roi: {0: 0.04}\n");
        assertEquals(FREQTRADE.validate(json), FREQTRADE.validate(yaml));
    }

    @Test
    void taskSpec_isEqual_afterTheConfigRoundTripsThroughAStoreThatReadsNumbersAsBigDecimal() {
        ServiceConfig c = FREQTRADE.validate(Documents.resource("catalog/freqtrade/config_full.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = (Map<String, Object>) asBigDecimals(c.values());
        assertEquals(FREQTRADE.taskSpec(BOT, c, Overrides.NONE, PLATFORM, fullExampleSecrets()),
                FREQTRADE.taskSpec(BOT, new ServiceConfig("freqtrade", stored), Overrides.NONE, PLATFORM, fullExampleSecrets()));
    }

    private static Object asBigDecimals(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, asBigDecimals(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(FreqtradeServiceTest::asBigDecimals).toList();
        }
        return v instanceof Number n ? new java.math.BigDecimal(n.toString()) : v;
    }

    @Test
    void isLive_isTrueOnlyForDryRunFalse() {
        assertTrue(FREQTRADE.isLive(FREQTRADE.validate(Documents.resource("catalog/freqtrade/live.yaml"))));
        assertFalse(FREQTRADE.isLive(FREQTRADE.validate(Documents.resource("catalog/freqtrade/minimal.yaml"))));
    }

    @Test
    void secretBindings_listEveryReferenceWithItsFreqtradeVariable() {
        ServiceConfig c = FREQTRADE.validate(Documents.resource("catalog/freqtrade/config_full.json"));
        assertEquals(List.of(
                new SecretBinding("exchange.key", "freqtrade", "FREQTRADE__EXCHANGE__KEY", new SecretRef("freqtrade/binance-main", "key")),
                new SecretBinding("exchange.secret", "freqtrade", "FREQTRADE__EXCHANGE__SECRET", new SecretRef("freqtrade/binance-main", "secret")),
                new SecretBinding("telegram.token", "freqtrade", "FREQTRADE__TELEGRAM__TOKEN", new SecretRef("freqtrade/telegram", "token")),
                new SecretBinding("api_server.password", "freqtrade", "FREQTRADE__API_SERVER__PASSWORD", new SecretRef("freqtrade/api", "password")),
                new SecretBinding("api_server.jwt_secret_key", "freqtrade", "FREQTRADE__API_SERVER__JWT_SECRET_KEY", new SecretRef("freqtrade/api", "jwt_secret_key")),
                new SecretBinding("api_server.ws_token", "freqtrade", "FREQTRADE__API_SERVER__WS_TOKEN", new SecretRef("freqtrade/api", "ws_token")),
                new SecretBinding("webhook.url", "freqtrade", "FREQTRADE__WEBHOOK__URL", new SecretRef("freqtrade/discord-webhook", null))),
                FREQTRADE.secretBindings(c));
    }

    @Test
    void taskSpec_fullExample_passesSecretsAsValueFromsAndNeverAsValues() {
        FakeSecretResolver secrets = fullExampleSecrets();
        ServiceConfig c = FREQTRADE.validate(Documents.resource("catalog/freqtrade/config_full.json"));
        TaskSpec spec = FREQTRADE.taskSpec(BOT, c, Overrides.NONE, PLATFORM, secrets);
        ContainerSpec ft = spec.containers().getFirst();
        assertEquals(List.of(
                new SecretEnv("FREQTRADE__API_SERVER__JWT_SECRET_KEY", ARN + "freqtrade/api:jwt_secret_key::"),
                new SecretEnv("FREQTRADE__API_SERVER__PASSWORD", ARN + "freqtrade/api:password::"),
                new SecretEnv("FREQTRADE__API_SERVER__WS_TOKEN", ARN + "freqtrade/api:ws_token::"),
                new SecretEnv("FREQTRADE__EXCHANGE__KEY", ARN + "freqtrade/binance-main:key::"),
                new SecretEnv("FREQTRADE__EXCHANGE__SECRET", ARN + "freqtrade/binance-main:secret::"),
                new SecretEnv("FREQTRADE__TELEGRAM__TOKEN", ARN + "freqtrade/telegram:token::"),
                new SecretEnv("FREQTRADE__WEBHOOK__URL", ARN + "freqtrade/discord-webhook")), ft.secrets());
        assertTrue(secrets.generatedNames().isEmpty(), "nothing generated when every API secret is given");
        String whole = spec.toString();
        for (String value : secrets.values()) {
            assertFalse(whole.contains(value), "secret value in the task spec: " + value);
        }
        assertFalse(ft.environment().get(FreqtradeService.CONFIG_ENV).contains("secretRef"));
    }

    @Test
    void taskSpec_deliversTheConfigAsJsonWrittenByAShellBeforeFreqtradeStarts() {
        ServiceConfig c = FREQTRADE.validate(Documents.resource("catalog/freqtrade/minimal.yaml"));
        ContainerSpec ft = FREQTRADE.taskSpec(BOT, c, Overrides.NONE, PLATFORM, new FakeSecretResolver()).containers().getFirst();
        assertEquals(List.of("sh", "-c"), ft.entryPoint(), "the image's 'freqtrade' entry point is replaced by the shell");
        assertEquals(List.of("printf '%s' \"$QUANTS_INFRA_CONFIG_JSON\" > /freqtrade/user_data/config.json"
                + " && exec freqtrade trade --config /freqtrade/user_data/config.json --strategy LumosCrypto_v1"), ft.command());
        Map<String, Object> delivered = Documents.json(ft.environment().get("QUANTS_INFRA_CONFIG_JSON"));
        assertEquals("LumosCrypto_v1", delivered.get("strategy"));
        assertEquals(true, delivered.get("dry_run"));
        assertEquals(List.of("BTC/USDT", "ETH/USDT"), ((Map<?, ?>) delivered.get("exchange")).get("pair_whitelist"));
        assertEquals(8080, ((Map<?, ?>) delivered.get("api_server")).get("listen_port"));
        assertEquals(Map.of("QUANTS_INFRA_CONFIG_JSON", ft.environment().get("QUANTS_INFRA_CONFIG_JSON")), ft.environment());
    }

    @Test
    void taskSpec_generatesApiPasswordAndJwtKey_whenNoneAreGiven() {
        FakeSecretResolver secrets = new FakeSecretResolver();
        ServiceConfig c = FREQTRADE.validate(Documents.resource("catalog/freqtrade/minimal.yaml"));
        ContainerSpec ft = FREQTRADE.taskSpec(BOT, c, Overrides.NONE, PLATFORM, secrets).containers().getFirst();
        assertEquals(List.of(
                new SecretEnv("FREQTRADE__API_SERVER__JWT_SECRET_KEY", ARN + "freqtrade/freqtrade-1/api-jwt-secret-key"),
                new SecretEnv("FREQTRADE__API_SERVER__PASSWORD", ARN + "freqtrade/freqtrade-1/api-password")), ft.secrets());
        assertEquals(new SecretRef("freqtrade/freqtrade-1/api-password", null), FREQTRADE.apiPassword(BOT, c));
        assertEquals("freqtrader", FREQTRADE.apiUsername(c));
    }

    @Test
    void taskSpec_hasTheCatalogueShape() {
        ServiceConfig c = FREQTRADE.validate(Documents.resource("catalog/freqtrade/minimal.yaml"));
        TaskSpec spec = FREQTRADE.taskSpec(BOT, c, Overrides.NONE, PLATFORM, new FakeSecretResolver());
        ContainerSpec ft = spec.containers().getFirst();
        assertEquals("freqtrade-1", spec.family());
        assertEquals(512, spec.cpu());
        assertEquals(1024, spec.memory());
        assertEquals("/quants-infra/freqtrade", spec.logGroup());
        assertEquals("freqtrade-1", spec.logStreamPrefix());
        assertEquals(Map.of("quants-infra:service", "freqtrade", "quants-infra:instance", "freqtrade-1",
                "managed-by", "quants-infra"), spec.tags());
        assertEquals("freqtradeorg/freqtrade:stable", ft.image());
        assertEquals(List.of(8080), ft.ports());
        assertTrue(ft.essential());
        assertEquals(1024, ft.memoryReservation());
        assertEquals(List.of("CMD-SHELL", "curl -fsS -o /dev/null http://localhost:8080/api/v1/ping || exit 1"),
                ft.healthCheck().command());
        assertTrue(spec.volumes().isEmpty());
    }

    @Test
    void taskSpec_isDeterministic_evenWhenKeysArriveInAnotherOrder() {
        Map<String, Object> doc = Documents.resource("catalog/freqtrade/config_full.json");
        Map<String, Object> reversed = new LinkedHashMap<>();
        List.copyOf(doc.keySet()).reversed().forEach(k -> reversed.put(k, doc.get(k)));
        TaskSpec a = FREQTRADE.taskSpec(BOT, FREQTRADE.validate(doc), Overrides.NONE, PLATFORM, fullExampleSecrets());
        TaskSpec b = FREQTRADE.taskSpec(BOT, FREQTRADE.validate(reversed), Overrides.NONE, PLATFORM, fullExampleSecrets());
        assertEquals(a, b);
    }

    @Test
    void taskSpec_appliesOverrides_portMovesTheApiAndItsHealthEndpoint() {
        ServiceConfig c = FREQTRADE.validate(Documents.resource("catalog/freqtrade/minimal.yaml"));
        Overrides o = new Overrides("123456789012.dkr.ecr.eu-west-1.amazonaws.com/bots:1.4", 1024, null, 8181);
        TaskSpec spec = FREQTRADE.taskSpec(BOT, c, o, PLATFORM, new FakeSecretResolver());
        ContainerSpec ft = spec.containers().getFirst();
        assertEquals("123456789012.dkr.ecr.eu-west-1.amazonaws.com/bots:1.4", ft.image());
        assertEquals(1024, spec.cpu());
        assertEquals(2048, spec.memory(), "memory follows a cpu-only override to the smallest fitting size");
        assertEquals(List.of(8181), ft.ports());
        assertTrue(ft.environment().get("QUANTS_INFRA_CONFIG_JSON").contains("\"listen_port\":8181"));
        assertEquals(List.of(new HealthEndpoint("freqtrade", 8181, "/api/v1/health", HealthEndpoint.Reading.FREQTRADE_LAST_PROCESS)),
                FREQTRADE.healthEndpoints(c, o));
    }

    @Test
    void healthEndpoints_readLastProcessOnTheConfiguredApiPort() {
        ServiceConfig live = FREQTRADE.validate(Documents.resource("catalog/freqtrade/live.yaml"));
        assertEquals(List.of(new HealthEndpoint("freqtrade", 8081, "/api/v1/health", HealthEndpoint.Reading.FREQTRADE_LAST_PROCESS)),
                FREQTRADE.healthEndpoints(live, Overrides.NONE));
    }

    @Test
    void taskSpec_refusesAnInstanceOfAnotherService() {
        ServiceConfig c = FREQTRADE.validate(Documents.resource("catalog/freqtrade/minimal.yaml"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FREQTRADE.taskSpec(
                InstanceId.parse("monitor-1"), c, Overrides.NONE, PLATFORM, new FakeSecretResolver()));
        assertEquals("instance", e.field());
    }

    @Test
    void validate_acceptsAPlainWebhookUrl_butNotOneCarryingAToken() {
        Map<String, Object> plain = Documents.yaml("strategy: S\nstake_amount: 1\nexchange: {name: binance}\n"
                + "webhook: {enabled: true, url: \"https://hooks.example.com/freqtrade\"}\n");
        ServiceConfig c = FREQTRADE.validate(plain);
        assertEquals("https://hooks.example.com/freqtrade", ((Map<?, ?>) c.values().get("webhook")).get("url"));
        assertTrue(FREQTRADE.secretBindings(c).isEmpty());
        assertNull(((Map<?, ?>) c.values().get("api_server")).get("password"));
    }

    @Test
    void validate_keepsDefaultsDistinctFromExplicitValues() {
        ServiceConfig a = FREQTRADE.validate(Documents.yaml("strategy: S\nstake_amount: 1\nexchange: {name: binance}\n"));
        ServiceConfig b = FREQTRADE.validate(Documents.yaml("strategy: S\nstake_amount: 1\nmax_open_trades: 4\nexchange: {name: binance}\n"));
        assertNotEquals(a, b);
    }
}
