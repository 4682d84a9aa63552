package io.quantsinfra.core.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal names the field by its JSON path and says why; literal secrets are refused without being
 * echoed (every secret-like value below contains SEKRIT, which no message may contain).
 */
class InvalidConfigTest {
    private static final ServiceCatalog CATALOG = ServiceCatalog.standard();
    private static final String FT = "strategy: SampleStrategy\nstake_amount: 10\n";
    private static final String EXCHANGE = "exchange:\n  name: binance\n";
    private static final String LITERAL = "literal secrets are not accepted; store it with \"quants-infra secrets put NAME "
            + "--value-file FILE\" and use {\"secretRef\": \"NAME\", \"jsonKey\": \"KEY\"}";

    static Stream<Arguments> refusals() {
        return Stream.of(
                // freqtrade: keys and types
                // (unknown Freqtrade keys pass through with a warning: FreqtradeConfigAsFreqtradeReadsItTest)
                row("a required key's typo is named", "freqtrade", "strategy: S\nstake_ammount: 10\n" + EXCHANGE,
                        "stake_amount", "is required (a number greater than 0 or \"unlimited\"); the document has \"stake_ammount\": a typo?"),
                row("strategy is required", "freqtrade", "stake_amount: 10\n" + EXCHANGE,
                        "strategy", "is required (a strategy class name, like \"SampleStrategy\")"),
                row("exchange name is required", "freqtrade", FT + "exchange:\n  pair_whitelist: [BTC/USDT]\n",
                        "exchange.name", "is required"),
                row("exchange is required", "freqtrade", FT, "exchange", "is required (an object)"),
                row("stake amount as a quoted number is refused", "freqtrade", "strategy: S\nstake_amount: \"100\"\n" + EXCHANGE,
                        "stake_amount", "expected a number greater than 0 or \"unlimited\", got \"100\""),
                row("stake amount zero is refused", "freqtrade", "strategy: S\nstake_amount: 0\n" + EXCHANGE,
                        "stake_amount", "must be greater than 0, got 0"),
                row("stake amount list is refused", "freqtrade", "strategy: S\nstake_amount: [1]\n" + EXCHANGE,
                        "stake_amount", "expected a number greater than 0 or \"unlimited\", got a list"),
                row("max open trades fraction is refused", "freqtrade", FT + "max_open_trades: 2.5\n" + EXCHANGE,
                        "max_open_trades", "expected an integer from -1 to 100000, got 2.5 (not a whole number)"),
                row("max open trades string is refused", "freqtrade", FT + "max_open_trades: \"3\"\n" + EXCHANGE,
                        "max_open_trades", "expected an integer from -1 to 100000, got a string (\"3\")"),
                row("max open trades below -1 is refused", "freqtrade", FT + "max_open_trades: -2\n" + EXCHANGE,
                        "max_open_trades", "must be from -1 to 100000, got -2"),
                row("dry run as a string is refused", "freqtrade", FT + "dry_run: \"false\"\n" + EXCHANGE,
                        "dry_run", "expected a boolean (true or false), got a string (\"false\")"),
                row("timeframe must look like 5m", "freqtrade", FT + "timeframe: 5 minutes\n" + EXCHANGE,
                        "timeframe", "expected a timeframe like \"5m\" or \"1h\", got \"5 minutes\""),
                row("strategy must be a class name", "freqtrade", "strategy: \"S; rm -rf /\"\nstake_amount: 1\n" + EXCHANGE,
                        "strategy", "expected a strategy class name"),
                row("pairs are written BASE/QUOTE", "freqtrade", FT + EXCHANGE + "  pair_whitelist: [BTC/USDT, ETH/USDT, ETH-USDT]\n",
                        "exchange.pair_whitelist[2]", "expected a pair written BASE/QUOTE, like \"BTC/USDT\""),
                row("duplicate whitelist pairs are refused", "freqtrade", FT + EXCHANGE + "  pair_whitelist: [BTC/USDT, BTC/USDT]\n",
                        "exchange.pair_whitelist[1]", "duplicate of exchange.pair_whitelist[0]"),
                row("telegram chat id must be a string", "freqtrade", FT + EXCHANGE + "telegram:\n  chat_id: 12345\n",
                        "telegram.chat_id", "expected a string, got an integer (12345)"),
                row("api port below 1024 is refused", "freqtrade", FT + EXCHANGE + "api_server:\n  listen_port: 80\n",
                        "api_server.listen_port", "must be from 1024 to 65535, got 80"),
                row("futures need a margin mode", "freqtrade", FT + "trading_mode: futures\n" + EXCHANGE,
                        "margin_mode", "is required when trading_mode is futures"),
                // freqtrade: secrets
                row("exchange secret literal is refused", "freqtrade", FT + EXCHANGE + "  secret: SEKRITabc123XYZ\n",
                        "exchange.secret", LITERAL),
                row("exchange key as a number is refused", "freqtrade", FT + EXCHANGE + "  key: 1234567890123456\n",
                        "exchange.key", LITERAL),
                row("exchange password literal is refused", "freqtrade", FT + EXCHANGE + "  password: SEKRIT\n",
                        "exchange.password", LITERAL),
                row("exchange uid literal is refused", "freqtrade", FT + EXCHANGE + "  uid: SEKRIT-uid\n",
                        "exchange.uid", LITERAL),
                row("telegram token literal is refused", "freqtrade", FT + EXCHANGE + "telegram:\n  token: \"123456:SEKRIT-AAH\"\n",
                        "telegram.token", LITERAL),
                row("api password literal is refused", "freqtrade", FT + EXCHANGE + "api_server:\n  password: SEKRIT\n",
                        "api_server.password", LITERAL),
                row("jwt secret literal is refused", "freqtrade", FT + EXCHANGE + "api_server:\n  jwt_secret_key: SEKRITjwt\n",
                        "api_server.jwt_secret_key", LITERAL),
                row("ws token literal is refused", "freqtrade", FT + EXCHANGE + "api_server:\n  ws_token: SEKRITws\n",
                        "api_server.ws_token", LITERAL),
                row("webhook URL with a token is refused", "freqtrade", FT + EXCHANGE
                                + "webhook:\n  enabled: true\n  url: https://discord.com/api/webhooks/1234567/SEKRITabcDEF0123456789\n",
                        "webhook.url", LITERAL),
                row("webhook URL with a token parameter is refused", "freqtrade", FT + EXCHANGE
                                + "webhook:\n  url: https://hooks.example.com/notify?token=SEKRIT\n",
                        "webhook.url", LITERAL),
                row("discord webhook literal is refused", "freqtrade", FT + EXCHANGE + "discord:\n  webhook_url: https://x/SEKRIT\n",
                        "discord.webhook_url", LITERAL),
                row("database URL with a password is refused", "freqtrade", FT + EXCHANGE
                                + "db_url: postgresql+psycopg2://bot:SEKRIT@db.internal:5432/trades\n",
                        "db_url", LITERAL),
                row("secret name must be a valid secret name", "freqtrade", FT + EXCHANGE + "  secret: {secretRef: \"bad name!\"}\n",
                        "exchange.secret.secretRef", "expected a secret name of 1 to 512 characters"),
                row("secret reference key typo names jsonKey", "freqtrade", FT + EXCHANGE
                                + "  secret: {secretRef: binance, json_key: secret}\n",
                        "exchange.secret.json_key", "unknown key in a secret reference; did you mean \"jsonKey\"?"),
                row("secret reference needs secretRef", "freqtrade", FT + EXCHANGE + "  secret: {jsonKey: secret}\n",
                        "exchange.secret.secretRef", "is required"),
                row("json key may not contain a colon", "freqtrade", FT + EXCHANGE + "  secret: {secretRef: b, jsonKey: \"a:b\"}\n",
                        "exchange.secret.jsonKey", "expected a JSON key"),
                row("credential in a free-form section is refused", "freqtrade", FT + EXCHANGE
                                + "  ccxt_config: {apiKey: SEKRITkey}\n",
                        "exchange.ccxt_config.apiKey", "looks like a credential; literal secrets are not accepted in free-form sections"),
                row("secret reference in a free-form section is refused", "freqtrade", FT + EXCHANGE
                                + "  ccxt_config:\n    headers: {secretRef: x}\n",
                        "exchange.ccxt_config.headers", "secret references are accepted only at the service's secret keys"),
                // freqtrade: rules across keys
                row("live trading needs exchange credentials", "freqtrade", FT + "dry_run: false\n" + EXCHANGE
                                + "  secret: {secretRef: binance}\n",
                        "exchange.key", "is required when dry_run is false"),
                row("enabled telegram needs a token", "freqtrade", FT + EXCHANGE + "telegram:\n  enabled: true\n  chat_id: \"1\"\n",
                        "telegram.token", "is required when telegram.enabled is true"),
                row("empty telegram token counts as not set", "freqtrade", FT + EXCHANGE
                                + "telegram:\n  enabled: true\n  token: \"\"\n  chat_id: \"1\"\n",
                        "telegram.token", "is required when telegram.enabled is true"),
                // data-collector
                row("pairs are required", "data-collector", "exchange: gateio\n", "pairs", "is required"),
                row("pairs must not be empty", "data-collector", "pairs: []\n", "pairs", "must not be empty"),
                row("pairs are upper case", "data-collector", "pairs: [VIRTUAL-USDT, bnkr-usdt]\n",
                        "pairs[1]", "expected a pair written BASE-QUOTE in capitals, like \"VIRTUAL-USDT\", got \"bnkr-usdt\""),
                row("collector pairs use a dash, not a slash", "data-collector", "pairs: [BTC/USDT]\n",
                        "pairs[0]", "BASE-QUOTE"),
                row("duplicate collector pairs are refused", "data-collector", "pairs: [A-USDT, B-USDT, A-USDT]\n",
                        "pairs[2]", "duplicate of pairs[0]"),
                row("interval zero is refused", "data-collector", "pairs: [A-USDT]\ninterval: 0\n",
                        "interval", "must be from 1 to 86400, got 0"),
                row("interval fraction is refused", "data-collector", "pairs: [A-USDT]\ninterval: 5.5\n",
                        "interval", "got 5.5 (not a whole number)"),
                row("interval string is refused", "data-collector", "pairs: [A-USDT]\ninterval: \"5\"\n",
                        "interval", "expected an integer from 1 to 86400, got a string (\"5\")"),
                row("interval above a day is refused", "data-collector", "pairs: [A-USDT]\ninterval: 86401\n",
                        "interval", "must be from 1 to 86400, got 86401"),
                row("output dir must be absolute", "data-collector", "pairs: [A-USDT]\noutput_dir: data\n",
                        "output_dir", "expected an absolute path"),
                row("output dir must not climb", "data-collector", "pairs: [A-USDT]\noutput_dir: /data/../etc\n",
                        "output_dir", "must not contain . or .. segments"),
                row("output dir must not be the root", "data-collector", "pairs: [A-USDT]\noutput_dir: /\n",
                        "output_dir", "expected a directory below /"),
                row("output dir must not be a system directory", "data-collector", "pairs: [A-USDT]\noutput_dir: /etc/collector\n",
                        "output_dir", "must not be inside the system directory /etc"),
                row("metrics port below 1024 is refused", "data-collector", "pairs: [A-USDT]\nmetrics_port: 80\n",
                        "metrics_port", "must be from 1024 to 65535, got 80"),
                row("exchange id is lower case", "data-collector", "pairs: [A-USDT]\nexchange: GateIO\n",
                        "exchange", "an exchange id in lowercase"),
                row("collector unknown key names the closest", "data-collector", "pairs: [A-USDT]\nintervall: 5\n",
                        "intervall", "did you mean \"interval\"? Known keys: exchange, pairs, interval, output_dir, metrics_port."),
                // monitor
                row("grafana password literal is refused", "monitor", "grafana_admin_password: SEKRIT\n",
                        "grafana_admin_password", LITERAL),
                row("telegram bot token literal is refused", "monitor", "telegram_bot_token: \"123:SEKRIT\"\n"
                        + "telegram_chat_id: \"1\"\n", "telegram_bot_token", LITERAL),
                row("bot token needs a chat id", "monitor", "telegram_bot_token: {secretRef: bot}\n",
                        "telegram_chat_id", "is required when telegram_bot_token is set"),
                row("chat id needs a bot token", "monitor", "telegram_chat_id: \"-100\"\n",
                        "telegram_bot_token", "is required when telegram_chat_id is set"),
                row("prometheus version keeps its v", "monitor", "prometheus_version: 2.48.0\n",
                        "prometheus_version", "a Prometheus image tag like \"v2.48.0\""),
                row("floating grafana tags are refused", "monitor", "grafana_version: latest\n",
                        "grafana_version", "floating tags such as latest are refused"),
                row("retention is a Prometheus duration", "monitor", "retention: 15 days\n",
                        "retention", "a Prometheus duration like \"15d\""),
                row("telegram alerts need alertmanager 0.26", "monitor", "alertmanager_version: v0.25.0\n"
                        + "telegram_bot_token: {secretRef: bot}\ntelegram_chat_id: \"1\"\n",
                        "alertmanager_version", "must be v0.26.0 or later for Telegram alerts"),
                row("monitor unknown key names the closest", "monitor", "grafana_admin_pasword: {secretRef: g}\n",
                        "grafana_admin_pasword", "did you mean \"grafana_admin_password\"?"));
    }

    private static Arguments row(String name, String service, String yaml, String field, String message) {
        return Arguments.of(name, service, yaml, field, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void validate_refusesWithFieldPathAndReason(String name, String service, String yaml, String field, String message) {
        Map<String, Object> raw = Documents.yaml(yaml);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CATALOG.get(service).validate(raw));
        assertAll(
                () -> assertEquals(field, e.field(), e.getMessage()),
                () -> assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage()),
                () -> assertTrue(e.getMessage().contains(message), "expected <" + message + "> in <" + e.getMessage() + ">"),
                () -> assertFalse(e.getMessage().contains("SEKRIT"), "a secret was echoed: " + e.getMessage()));
    }

    @Test
    void validate_refusesMoreThan200CollectorPairs() {
        List<String> pairs = IntStream.range(0, 201).mapToObj(i -> "P" + i + "-USDT").toList();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CATALOG.get("data-collector").validate(Map.of("pairs", pairs)));
        assertEquals("pairs", e.field());
        assertEquals("pairs: must have at most 200 entries, got 201", e.getMessage());
    }

    @Test
    void validate_refusesAMissingDocumentWithoutAField() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CATALOG.get("freqtrade").validate(null));
        assertEquals(null, e.field());
    }

    @Test
    void validate_refusesANonStringKey() {
        Map<Object, Object> raw = new LinkedHashMap<>();
        raw.put(5, "x");
        @SuppressWarnings("unchecked")
        Map<String, Object> cast = (Map<String, Object>) (Map<?, ?>) raw;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CATALOG.get("monitor").validate(cast));
        assertEquals("keys must be strings, got an integer (5)", e.getMessage());
    }

    @Test
    void validate_refusesARecursiveYamlDocumentInAFreeFormSection() {
        Map<String, Object> raw = Documents.yaml(FT + EXCHANGE + "internals: &loop\n  again: [*loop]\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CATALOG.get("freqtrade").validate(raw));
        assertTrue(e.getMessage().contains("nested more than 32 levels deep"), e.getMessage());
    }

    @Test
    void validate_neverEchoesALongSecretLookingValueInATypeError() {
        List<Object> wrong = new ArrayList<>(List.of("A-USDT"));
        Map<String, Object> raw = new LinkedHashMap<>(Map.of("pairs", wrong, "interval", "xK9fQ2mL7pR4tV8wZ3nB"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CATALOG.get("data-collector").validate(raw));
        assertFalse(e.getMessage().contains("xK9fQ2mL7pR4tV8wZ3nB"), e.getMessage());
        assertTrue(e.getMessage().contains("value hidden"), e.getMessage());
    }
}
