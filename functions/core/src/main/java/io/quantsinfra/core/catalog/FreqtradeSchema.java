package io.quantsinfra.core.catalog;

import static io.quantsinfra.core.catalog.schema.Schema.bool;
import static io.quantsinfra.core.catalog.schema.Schema.freeList;
import static io.quantsinfra.core.catalog.schema.Schema.freeObject;
import static io.quantsinfra.core.catalog.schema.Schema.integer;
import static io.quantsinfra.core.catalog.schema.Schema.list;
import static io.quantsinfra.core.catalog.schema.Schema.number;
import static io.quantsinfra.core.catalog.schema.Schema.oneOf;
import static io.quantsinfra.core.catalog.schema.Schema.positive;
import static io.quantsinfra.core.catalog.schema.Schema.secret;
import static io.quantsinfra.core.catalog.schema.Schema.secretUnlessPlainUrl;
import static io.quantsinfra.core.catalog.schema.Schema.string;

import io.quantsinfra.core.catalog.schema.Node;
import io.quantsinfra.core.catalog.schema.ObjectNode;
import io.quantsinfra.core.catalog.schema.Path;
import io.quantsinfra.core.catalog.schema.Schema;
import io.quantsinfra.core.catalog.schema.Values;
import io.quantsinfra.core.catalog.schema.Warning;
import io.quantsinfra.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema of a Freqtrade config document: the keys quants-infra types and checks, the secret keys, and
 * a set of well-known Freqtrade sections passed through free-form. Any other key passes through to
 * Freqtrade (which validates its own keys when the bot starts) with a warning, naming the closest known key
 * when it looks like a typo. What quants-infra injects or needs is enforced: secrets are references, live
 * trading has credentials, and the REST API is enabled and listens on every interface (overridden with a
 * warning when the file says otherwise).
 */
final class FreqtradeSchema {
    static final int DEFAULT_API_PORT = 8080;
    /** Where the REST API must listen so the health probe (from outside the container) reaches it. */
    static final String LISTEN_ALL = "0.0.0.0";
    private static final String FREQTRADE = "Freqtrade";
    static final String STRATEGY_REQUIRED = "is required (a strategy class name, like \"SampleStrategy\"): name it in the "
            + "config or pass --strategy NAME to quants-infra deploy (API: \"strategy\" in the deploy body)";

    // Freqtrade writes pairs BASE/QUOTE (futures BASE/QUOTE:SETTLE); whitelists and blacklists may be regexes.
    private static final String PAIR_PART = "[A-Za-z0-9._*^$()|\\[\\]+?\\\\-]{1,40}";
    private static final Node PAIR = string().matching(PAIR_PART + "/" + PAIR_PART + "(?::[A-Za-z0-9]{1,20})?",
            "a pair written BASE/QUOTE, like \"BTC/USDT\" (Freqtrade's form; futures: \"BTC/USDT:USDT\")");
    private static final Node PAIRS = list(PAIR, 0, 1000).unique();
    private static final Node PORT = integer(1024, 65535);
    private static final Node DATA_FORMAT = oneOf("json", "jsongz", "hdf5", "feather", "parquet");

    static final ObjectNode EXCHANGE = Schema.object().passingTo(FREQTRADE)
            .required("name", string().matching("[a-z][a-z0-9_]{1,31}", "a ccxt exchange id in lowercase, like \"binance\""))
            .optional("key", secret())
            .optional("secret", secret())
            .optional("password", secret())
            .optional("uid", secret())
            .optional("pair_whitelist", PAIRS)
            .optional("pair_blacklist", PAIRS)
            .optional("ccxt_config", freeObject())
            .optional("ccxt_async_config", freeObject())
            .optional("ccxt_sync_config", freeObject())
            .optional("markets_refresh_interval", integer(1, 10_080))
            .optional("outdated_offset", integer(1, 1_440))
            .optional("skip_pair_validation", bool())
            .optional("skip_open_order_update", bool())
            .optional("unknown_fee_rate", positive())
            .optional("log_responses", bool())
            .optional("only_from_ccxt", bool());

    static final ObjectNode TELEGRAM = Schema.object().passingTo(FREQTRADE)
            .defaulted("enabled", bool(), false)
            .optional("token", secret())
            // Typed only: Freqtrade checks the id, and its examples ship a placeholder ("your_telegram_chat_id").
            .optional("chat_id", string().maxLength(64))
            .optional("topic_id", string().matching("[0-9]{1,20}", "a numeric topic id as a string"))
            .optional("authorized_users", list(string().maxLength(64), 0, 100))
            .optional("allow_custom_messages", bool())
            .optional("notification_settings", freeObject())
            .optional("reload", bool())
            .optional("balance_dust_level", number(0, Double.MAX_VALUE))
            .optional("keyboard", freeList());

    static final ObjectNode API_SERVER = Schema.object().passingTo(FREQTRADE)
            .defaulted("enabled", bool(), true)
            .defaulted("listen_ip_address", string().matching(
                    "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])",
                    "an IPv4 address, like \"0.0.0.0\""), "0.0.0.0")
            .defaulted("listen_port", PORT, DEFAULT_API_PORT)
            .defaulted("verbosity", oneOf("error", "info"), "error")
            .defaulted("enable_openapi", bool(), false)
            .defaulted("username", string().matching("[A-Za-z0-9_.@-]{1,64}", "a user name of 1 to 64 characters from A-Z a-z 0-9 _ . @ -"),
                    "freqtrader")
            .optional("password", secret())
            .optional("jwt_secret_key", secret())
            .optional("ws_token", secret())
            .optional("CORS_origins", list(string().matching("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?",
                    "an origin like \"https://ui.example.com\""), 0, 20).unique());

    static final ObjectNode WEBHOOK = Schema.object().passingTo(FREQTRADE)
            .defaulted("enabled", bool(), false)
            .optional("url", secretUnlessPlainUrl("http", "https"))
            .optional("format", oneOf("form", "json", "raw"))
            .optional("retries", integer(0, 10))
            .optional("retry_delay", number(0, 300))
            .optional("timeout", integer(1, 300))
            .optional("allow_custom_messages", bool())
            .optional("webhookentry", freeObject()).optional("webhookentrycancel", freeObject())
            .optional("webhookentryfill", freeObject()).optional("webhookexit", freeObject())
            .optional("webhookexitcancel", freeObject()).optional("webhookexitfill", freeObject())
            .optional("webhookstatus", freeObject()).optional("entry", freeObject()).optional("entry_cancel", freeObject())
            .optional("entry_fill", freeObject()).optional("exit", freeObject()).optional("exit_cancel", freeObject())
            .optional("exit_fill", freeObject()).optional("status", freeObject()).optional("strategy_msg", freeObject());

    static final ObjectNode DISCORD = Schema.object().passingTo(FREQTRADE)
            .defaulted("enabled", bool(), false)
            .optional("webhook_url", secret())
            .optional("exit_fill", freeList()).optional("entry_fill", freeList()).optional("status", freeList());

    /** One producer a consumer bot follows (Freqtrade's producer/consumer mode); its ws_token is a secret. */
    static final ObjectNode PRODUCER = Schema.object().passingTo(FREQTRADE)
            .required("name", string().matching("[A-Za-z0-9_.-]{1,64}", "a producer name of 1 to 64 characters from A-Z a-z 0-9 _ . -"))
            .required("host", string().matching("[A-Za-z0-9.-]{1,253}", "a host name or IPv4 address, like \"10.0.1.5\""))
            .optional("port", integer(0, 65535))
            .optional("secure", bool())
            .required("ws_token", secret());

    static final ObjectNode EXTERNAL_MESSAGE_CONSUMER = Schema.object().passingTo(FREQTRADE)
            .optional("enabled", bool())
            .required("producers", list(PRODUCER, 0, 20))
            .optional("wait_timeout", integer(0, Integer.MAX_VALUE))
            .optional("sleep_time", integer(0, Integer.MAX_VALUE))
            .optional("ping_timeout", integer(0, Integer.MAX_VALUE))
            .optional("remove_entry_exit_signals", bool())
            .optional("initial_candle_limit", integer(0, 1500))
            .optional("message_size_limit", integer(1, 20));

    static final ObjectNode ROOT = Schema.object().passingTo(FREQTRADE)
            .optional("$schema", string().maxLength(256))
            .optional("strategy", string().matching("[A-Za-z_][A-Za-z0-9_]{0,127}", "a strategy class name, like \"SampleStrategy\""))
            .defaulted("stake_currency", string().matching("[A-Z0-9]{2,16}", "a currency code in capitals, like \"USDT\""), "USDT")
            .required("stake_amount", Schema.numberOrString(positive(), oneOf("unlimited"),
                    "a number greater than 0 or \"unlimited\""))
            .defaulted("dry_run", bool(), true)
            .optional("dry_run_wallet", positive())
            .defaulted("max_open_trades", integer(-1, 100_000), 3)
            .optional("timeframe", string().matching("[1-9][0-9]{0,2}[smhdwM]", "a timeframe like \"5m\" or \"1h\""))
            .optional("bot_name", string().maxLength(64))
            .optional("initial_state", oneOf("running", "paused", "stopped"))
            .optional("trading_mode", oneOf("spot", "margin", "futures"))
            .optional("margin_mode", oneOf("", "cross", "isolated"))
            .optional("fiat_display_currency", string().matching("[A-Z]{3}|", "a fiat currency code like \"USD\", or \"\""))
            .optional("tradable_balance_ratio", number(0.001, 1))
            .optional("available_capital", positive())
            .optional("amount_reserve_percent", number(0, 0.5))
            .optional("amend_last_stake_amount", bool())
            .optional("last_stake_amount_min_ratio", number(0, 1))
            .optional("cancel_open_orders_on_exit", bool())
            .optional("stoploss", number(-1, 0))
            .optional("trailing_stop", bool())
            .optional("trailing_stop_positive", number(0, 1))
            .optional("trailing_stop_positive_offset", number(0, 1))
            .optional("trailing_only_offset_is_reached", bool())
            .optional("use_exit_signal", bool())
            .optional("exit_profit_only", bool())
            .optional("exit_profit_offset", number(-1, 1))
            .optional("ignore_roi_if_entry_signal", bool())
            .optional("ignore_buying_expired_candle_after", integer(0, Integer.MAX_VALUE))
            .optional("position_adjustment_enable", bool())
            .optional("max_entry_position_adjustment", integer(-1, 1_000))
            .optional("force_entry_enable", bool())
            .optional("disable_dataframe_checks", bool())
            .optional("reduce_df_footprint", bool())
            .optional("process_only_new_candles", bool())
            .optional("liquidation_buffer", number(0, 0.99))
            .optional("futures_funding_rate", number(-1, 1))
            .optional("dataformat_ohlcv", DATA_FORMAT)
            .optional("dataformat_trades", DATA_FORMAT)
            .optional("db_url", secretUnlessPlainUrl("sqlite"))
            .optional("minimal_roi", freeObject())
            .optional("unfilledtimeout", freeObject())
            .optional("entry_pricing", freeObject())
            .optional("exit_pricing", freeObject())
            .optional("order_types", freeObject())
            .optional("order_time_in_force", freeObject())
            .optional("pairlists", freeList())
            .optional("protections", freeList())
            .optional("internals", freeObject())
            .optional("edge", freeObject())
            .optional("freqai", freeObject())
            .required("exchange", EXCHANGE)
            .optional("telegram", TELEGRAM)
            .section("api_server", API_SERVER)
            .optional("webhook", WEBHOOK)
            .optional("discord", DISCORD)
            .optional("external_message_consumer", EXTERNAL_MESSAGE_CONSUMER);

    private FreqtradeSchema() {}

    /**
     * Rules across keys, run on the raw document (so they are reported together with the schema's problems);
     * an empty string counts as not set, as for secrets.
     */
    static List<InvalidInputException> crossCheck(Map<String, Object> raw) {
        List<InvalidInputException> out = new ArrayList<>();
        Path root = Path.ROOT;
        if (!isSet(raw.get("strategy"))) {
            out.add(root.key("strategy").invalid(STRATEGY_REQUIRED));
        }
        Map<?, ?> exchange = sectionOf(raw, "exchange");
        if (Boolean.FALSE.equals(raw.get("dry_run")) && exchange != null) {
            for (String k : new String[] {"key", "secret"}) {
                if (!isSet(exchange.get(k))) {
                    out.add(root.key("exchange").key(k).invalid("is required when dry_run is false (live trading needs "
                            + "exchange credentials): a secret reference {\"secretRef\": \"NAME\", \"jsonKey\": \"KEY\"}"));
                }
            }
        }
        requireWhenEnabled(raw, out, "telegram", "token", "chat_id");
        requireWhenEnabled(raw, out, "webhook", "url");
        requireWhenEnabled(raw, out, "discord", "webhook_url");
        Object tradingMode = raw.get("trading_mode");
        if ("futures".equals(tradingMode) || "margin".equals(tradingMode)) {
            if (!isSet(raw.get("margin_mode"))) {
                out.add(root.key("margin_mode").invalid("is required when trading_mode is " + tradingMode
                        + ": \"cross\" or \"isolated\""));
            }
        }
        return out;
    }

    /** The normalized document with the REST API as quants-infra needs it: enabled, listening on every interface. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withApiForQuantsInfra(Map<String, Object> values) {
        Map<String, Object> api = new LinkedHashMap<>((Map<String, Object>) values.get("api_server"));
        api.put("enabled", true);
        api.put("listen_ip_address", LISTEN_ALL);
        Map<String, Object> out = new LinkedHashMap<>(values);
        out.put("api_server", Collections.unmodifiableMap(api));
        return Collections.unmodifiableMap(out);
    }

    /** What {@link #withApiForQuantsInfra} changes in the user's file, one warning per key. */
    static List<Warning> apiServerWarnings(Map<String, Object> raw) {
        Map<?, ?> api = sectionOf(raw, "api_server");
        List<Warning> out = new ArrayList<>();
        if (api == null) {
            return out;
        }
        Path p = Path.ROOT.key("api_server");
        if (Boolean.FALSE.equals(api.get("enabled"))) {
            out.add(new Warning(p.key("enabled").text(), "false in the file; quants-infra turns the REST API on, "
                    + "because its health check reads Freqtrade's /api/v1/health"));
        }
        Object ip = api.get("listen_ip_address");
        if (ip instanceof String s && !s.equals(LISTEN_ALL)) {
            out.add(new Warning(p.key("listen_ip_address").text(), Values.show(s) + " in the file; quants-infra binds "
                    + "the REST API to \"" + LISTEN_ALL + "\" so the health check can reach it from outside the container "
                    + "(the task's security group still limits who can)"));
        }
        return out;
    }

    private static void requireWhenEnabled(Map<String, Object> raw, List<InvalidInputException> out, String section,
                                           String... keys) {
        Map<?, ?> s = sectionOf(raw, section);
        if (s == null || !Boolean.TRUE.equals(s.get("enabled"))) {
            return;
        }
        for (String k : keys) {
            if (!isSet(s.get(k))) {
                out.add(Path.ROOT.key(section).key(k).invalid("is required when " + section + ".enabled is true"));
            }
        }
    }

    private static Map<?, ?> sectionOf(Map<String, Object> raw, String key) {
        return raw.get(key) instanceof Map<?, ?> m ? m : null;
    }

    private static boolean isSet(Object v) {
        return v != null && !"".equals(v);
    }
}
