package io.quantsinfra.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.LiteralSecretException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextCredentialsTest {
    private final JobFixture f = new JobFixture().define("bt").define("fetch");
    private final JobFixture empty = new JobFixture();

    private InvalidInputException refused(Map<String, Object> payload) {
        return assertThrows(InvalidInputException.class, () -> f.service.publish(Map.of("name", "bt", "payload", payload)));
    }

    private static List<String> fields(InvalidInputException e) {
        return e.problems().stream().map(InvalidInputException.Problem::field).sorted().toList();
    }

    @Test
    void freqtradeConfigInAPayload_hasEveryCredentialRefused_withoutTheValues_andNothingStored() {
        // The credential keys of Freqtrade's own config_binance.example.json, with values shaped like real ones.
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("exchange", Map.of("name", "binance", "key", "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
                "secret", "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j", "password", "", "uid", "",
                "pair_whitelist", List.of("BTC/USDT")));
        config.put("telegram", Map.of("enabled", true, "token", "123456789:AAF0nSomethingLikeABotTokenXyz", "chat_id", "1234"));
        config.put("api_server", Map.of("enabled", true, "jwt_secret_key", "somethingrandom", "ws_token", "secret_ws_t0ken.",
                "password", "SuperSecurePassword", "username", "freqtrader"));
        config.put("external_message_consumer", Map.of("producers", List.of(Map.of("name", "default", "host", "10.0.1.5",
                "ws_token", "producer-token-1"))));
        config.put("stake_amount", 100);

        InvalidInputException e = refused(Map.of("config", config, "strategy", "SampleStrategy"));

        assertEquals(List.of("payload.config.api_server.jwt_secret_key", "payload.config.api_server.password",
                "payload.config.api_server.ws_token", "payload.config.exchange.key", "payload.config.exchange.secret",
                "payload.config.external_message_consumer.producers[0].ws_token", "payload.config.telegram.token"), fields(e));
        assertTrue(e.singles().stream().allMatch(p -> p instanceof LiteralSecretException), e.getMessage());
        for (String value : List.of("vmPUZE6", "NhqPtmd", "AAF0n", "somethingrandom", "ws_t0ken", "SuperSecure", "producer-token")) {
            assertFalse(e.getMessage().contains(value), e.getMessage());
        }
        assertEquals(0, f.service.stats().total());
    }

    @Test
    void freqtradesCredentialKeys_areTheOnesItsSchemaTakesOnlyAsSecretReferences() {
        Map<String, java.util.Set<String>> keys = io.quantsinfra.core.catalog.FreqtradeService.secretKeysBySection();

        assertEquals(java.util.Set.of("key", "secret", "password", "uid"), keys.get("exchange"));
        assertEquals(java.util.Set.of("token"), keys.get("telegram"));
        assertEquals(java.util.Set.of("webhook_url"), keys.get("discord"));
        assertEquals(java.util.Set.of("password", "jwt_secret_key", "ws_token"), keys.get("api_server"));
        assertFalse(keys.containsKey("webhook"), "webhook.url may be a plain URL: the URL rule checks it");
    }

    @Test
    void blankCredentialsAndPlainData_pass() {
        Map<String, Object> payload = Map.of(
                "config", Map.of("exchange", Map.of("name", "binance", "key", "", "secret", ""), "telegram", Map.of("token", "")),
                "token", "PEPE", "key", "data/2026/BTC_USDT-5m.feather", "tokens", List.of("BTC", "ETH"),
                "max_tokens", 4096, "s3_key", "backtest_results/2026-12-07/SampleStrategy_0123456789.json",
                "source", "https://api.binance.com/api/v3/klines?symbol=BTCUSDT&interval=5m",
                "password_required", false, "secret_ref", Map.of("note", "named in the definition"),
                "secret_arn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:binance-AbCdEf");

        Job job = f.service.publish(Map.of("name", "bt", "payload", payload)).jobs().getFirst().job();

        assertTrue(job.payload().contains("\"token\":\"PEPE\""), job.payload());
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "db_password", "clientSecret", "API_KEY", "apiKey", "private-key", "AWS_SECRET_ACCESS_KEY",
            "access_token", "botToken", "refresh-token", "passphrase", "credentials", "jwt_token", "webhook_token"})
    void keyNamedLikeACredential_isRefused(String key) {
        InvalidInputException e = refused(Map.of("nested", List.of(Map.of(key, "hunter2hunter2"))));

        assertEquals(List.of("payload.nested[0]." + key), fields(e));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"token", "symbol", "tokenizer", "keyword", "monkey", "pass_count", "author", "secretary_note"})
    void ordinaryKeys_withOrdinaryValues_pass(String key) {
        // "secretary" is one word; only whole words count.
        f.service.publish(Map.of("name", "bt", "payload", Map.of(key, "BTC/USDT")));
    }

    @Test
    void bareTokenOrKey_isRefusedOnlyWhenItsValueLooksLikeACredential() {
        InvalidInputException e = refused(Map.of("token", "ghp_0123456789abcdefABCDEF0123456789ab",
                "key", "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0M"));

        assertEquals(List.of("payload.key", "payload.token"), fields(e));
    }

    @Test
    void urlCarryingACredential_isRefusedWherever_itIs() {
        InvalidInputException e = refused(Map.of("db", "postgres://trader:hunter2@db.internal:5432/ticks",
                "hooks", List.of("https://hooks.example.com/notify?api_token=abc123", "https://example.com/plain"),
                "numberedPassword", 123456));

        assertEquals(List.of("payload.db", "payload.hooks[0]", "payload.numberedPassword"), fields(e));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getMessage().contains("abc123"), e.getMessage());
    }

    @Test
    void inAChain_theJobsIndexPrefixesThePath_andEveryJobIsChecked() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.service.publish(Map.of("jobs", List.of(
                Map.of("ref", "a", "name", "fetch", "payload", Map.of("api_key", "k-0123456789")),
                Map.of("ref", "b", "name", "bt", "depends_on", List.of("a"),
                        "payload", Map.of("config", Map.of("exchange", Map.of("name", "kraken", "secret", "s-0123456789"))))))));

        assertEquals(List.of("jobs[0].payload.api_key", "jobs[1].payload.config.exchange.secret"), fields(e));
        assertEquals(0, f.service.stats().total());
    }

    @Test
    void oversizedPayload_isRefusedForItsSize_beforeAnyOfItIsRead() {
        // Thousands of "://" and a credential-named key: only the size is reported, the credentials scan never ran.
        InvalidInputException e = refused(Map.of("urls", "a://".repeat(2_000), "api_key", "k-0123456789"));

        assertEquals(List.of("payload"), fields(e));
        assertTrue(e.getMessage().contains("bytes as an escaped JSON string"), e.getMessage());
    }

    @Test
    void urlsInALongerText_areFoundOneByOne() {
        assertTrue(PlainTextCredentials.urlCarriesCredential("see https://example.com/a and then redis://:hunter2@cache:6379/0"));
        assertTrue(PlainTextCredentials.urlCarriesCredential("'https://hooks.example.com/x?Api-Token=abc' tail"));
        assertFalse(PlainTextCredentials.urlCarriesCredential("https://user@example.com/no-password ://nothing a://b?sig="));
        assertFalse(PlainTextCredentials.urlCarriesCredential("://".repeat(1_000)));
        assertTrue(PlainTextCredentials.urlCarriesCredential("https://s3.amazonaws.com/b/k?X-Amz-Signature=abc&X-Amz-Date=1"));
        assertFalse(PlainTextCredentials.urlCarriesCredential("https://api.example.com/books?author=x&design=y&monkey=z"));
    }

    // Definitions: what ends up in the ECS task definition.

    private InvalidInputException refusedDefinition(Map<String, Object> definition) {
        Map<String, Object> doc = new LinkedHashMap<>(Map.of("name", "fetch", "image", "python:3.12-slim"));
        doc.putAll(definition);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> empty.service.define(doc));
        assertTrue(empty.service.definitions().isEmpty());
        assertTrue(empty.runner.registered().isEmpty());
        return e;
    }

    @Test
    void commandWithACredential_isRefusedAtTheArgument_inExecFormAndInScripts() {
        InvalidInputException e = refusedDefinition(Map.of("command", List.of(
                "python", "fetch.py", "--api-key", "k-0123456789", "--exchange", "binance", "--password=hunter2hunter2",
                "sh -c 'curl -H \"Authorization: Bearer ghp_0123456789abcdef\" https://api.example.com/x'",
                "BOT_TOKEN=123456:abcdef python run.py", "postgres://trader:hunter2@db.internal/ticks"),
                "entry_point", List.of("env", "TELEGRAM_BOT_TOKEN=123456:abcdef")));

        assertEquals(List.of("command[3]", "command[6]", "command[7]", "command[8]", "command[9]", "entry_point[1]"), fields(e));
        assertTrue(e.singles().stream().allMatch(p -> p instanceof LiteralSecretException), e.getMessage());
        for (String value : List.of("k-0123456789", "hunter2", "ghp_", "abcdef")) {
            assertFalse(e.getMessage().contains(value), e.getMessage());
        }
    }

    @Test
    void commandReadingItsSecretsFromTheEnvironment_isAccepted() {
        JobDefinition d = empty.service.define(Map.of("name", "fetch", "image", "python:3.12-slim",
                "command", List.of("sh", "-c", "curl -H \"Authorization: Bearer $API_TOKEN\" --password-file /run/pw "
                        + "https://api.example.com/klines?symbol=BTCUSDT && python run.py --api-key \"$API_KEY\" --token BTC",
                        "--secret-name", "binance-main", "--key", "data/2026/BTC_USDT-5m.feather"),
                "secrets", Map.of("API_KEY", Map.of("secretRef", "binance-main", "jsonKey", "key"))));

        assertEquals("fetch", d.name());
    }

    @Test
    void environmentValueThatIsAUrlWithAPassword_isRefused() {
        InvalidInputException e = refusedDefinition(Map.of("environment", Map.of(
                "DATABASE_URL", "postgres://trader:hunter2@db.internal:5432/ticks", "FEED", "wss://stream.binance.com:9443/ws")));

        assertEquals(List.of("environment.DATABASE_URL"), fields(e));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    // Random documents (fixed seed, fixed count): whatever a user sends, publish and define answer or refuse, and a
    // refused value is never in the message.

    private static final List<String> KEYS = List.of("password", "api_key", "token", "key", "symbol", "url", "config",
            "exchange", "secret", "name", "ws_token", "secret_name", "data", "Authorization", "x");
    private static final List<String> VALUES = List.of("", "BTC/USDT", "k-0123456789abcdefghij", "https://u:pw@h/x",
            "https://h/x?token=abc", "$API_KEY", "a://", "::://", "Bearer", "é\u0000\n", "--api-key", "A=B", "x".repeat(300));

    private static Object randomValue(java.util.Random r, int depth) {
        int kind = depth < 4 ? r.nextInt(6) : 3;
        if (kind == 0) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                m.put(KEYS.get(r.nextInt(KEYS.size())), randomValue(r, depth + 1));
            }
            return m;
        }
        if (kind == 1) {
            List<Object> l = new java.util.ArrayList<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                l.add(randomValue(r, depth + 1));
            }
            return l;
        }
        if (kind == 2) {
            return r.nextInt(3) == 0 ? null : r.nextBoolean() ? (Object) r.nextInt() : (Object) r.nextDouble();
        }
        return VALUES.get(r.nextInt(VALUES.size())) + (r.nextBoolean() ? "" : Integer.toString(r.nextInt(1000)));
    }

    @Test
    void randomPayloadsAndCommands_areAnsweredOrRefused_neverEchoingARefusedValue() {
        java.util.Random r = new java.util.Random(14);
        int refused = 0;
        int literal = 0;
        int literalInCommands = 0;
        for (int n = 0; n < 400; n++) {
            Object payload = randomValue(r, 0);
            Map<String, Object> doc = new LinkedHashMap<>(Map.of("name", "bt"));
            doc.put("payload", payload instanceof Map<?, ?> ? payload : Map.of("v", payload == null ? "" : payload));
            List<Object> command = new java.util.ArrayList<>();
            for (int i = r.nextInt(5); i > 0; i--) {
                command.add(r.nextBoolean() ? VALUES.get(r.nextInt(VALUES.size())) : "--" + KEYS.get(r.nextInt(KEYS.size())));
            }
            try {
                f.service.publish(doc);
            } catch (InvalidInputException e) {
                refused++;
                literal += e.singles().stream().anyMatch(p -> p instanceof LiteralSecretException) ? 1 : 0;
                assertFalse(e.getMessage().contains("k-0123456789") || e.getMessage().contains("u:pw"), e.getMessage());
            }
            try {
                empty.service.define(Map.of("name", "r" + n, "image", "busybox", "command", command));
            } catch (InvalidInputException e) {
                literalInCommands += e.singles().stream().anyMatch(p -> p instanceof LiteralSecretException) ? 1 : 0;
                assertFalse(e.getMessage().contains("k-0123456789") || e.getMessage().contains("u:pw"), e.getMessage());
            }
        }
        assertTrue(refused < 400 && literal > 0 && literalInCommands > 0,
                "refused " + refused + " of 400 payloads, " + literal + " for a credential; " + literalInCommands + " commands");
    }
}
