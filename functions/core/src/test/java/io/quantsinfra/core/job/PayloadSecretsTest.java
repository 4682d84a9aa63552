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

class PayloadSecretsTest {
    private final JobFixture f = new JobFixture().define("bt").define("fetch");

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
    void blankCredentialsAndPlainData_pass() {
        Map<String, Object> payload = Map.of(
                "config", Map.of("exchange", Map.of("name", "binance", "key", "", "secret", ""), "telegram", Map.of("token", "")),
                "token", "PEPE", "key", "data/2026/BTC_USDT-5m.feather", "tokens", List.of("BTC", "ETH"),
                "max_tokens", 4096, "s3_key", "backtest_results/2026-12-07/SampleStrategy_0123456789.json",
                "source", "https://api.binance.com/api/v3/klines?symbol=BTCUSDT&interval=5m",
                "password_required", false, "secret_ref", Map.of("note", "named in the definition"));

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
}
