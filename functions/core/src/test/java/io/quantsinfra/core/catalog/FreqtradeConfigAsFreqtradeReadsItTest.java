package io.quantsinfra.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.catalog.schema.Warning;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.LiteralSecretException;
import io.quantsinfra.core.secret.LiteralSecrets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * quants-infra validates what it owns or injects and passes the rest of a Freqtrade config to Freqtrade:
 * unknown keys with a warning, the REST API turned on with a warning, the strategy from the deploy when the
 * file names none, and every problem of a document at once (for every service).
 */
class FreqtradeConfigAsFreqtradeReadsItTest {
    private static final ServiceCatalog CATALOG = ServiceCatalog.standard();
    private static final ServiceType FREQTRADE = CATALOG.get("freqtrade");
    private static final String FT = "strategy: SampleStrategy\nstake_amount: 10\nexchange:\n  name: binance\n";

    private static List<String> warnings(String yaml, String strategy) {
        return FREQTRADE.prepare(Documents.yaml(yaml), strategy).warnings().stream().map(Warning::toString).toList();
    }

    static Stream<Arguments> warned() {
        return Stream.of(
                Arguments.of("an unknown top-level key passes through", FT + "strategy_path: user_data/strategies/\n",
                        "strategy_path: not checked by quants-infra, passed to Freqtrade as written"),
                Arguments.of("an unknown nested key passes through", FT + "  sandbox: false\n",
                        "exchange.sandbox: not checked by quants-infra, passed to Freqtrade as written"),
                Arguments.of("a near miss names the known key", FT + "stake_amout: 10\n",
                        "stake_amout: not a key quants-infra knows; did you mean \"stake_amount\"? Passed to Freqtrade as written"),
                Arguments.of("a disabled REST API is turned on", FT + "api_server:\n  enabled: false\n",
                        "api_server.enabled: false in the file; quants-infra turns the REST API on"),
                Arguments.of("a loopback REST API is bound to every interface", FT + "api_server:\n  listen_ip_address: 127.0.0.1\n",
                        "api_server.listen_ip_address: \"127.0.0.1\" in the file; quants-infra binds the REST API to \"0.0.0.0\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("warned")
    void prepare_warnsWithThePath_andValidatePassesTheDocument(String name, String yaml, String warning) {
        List<String> got = warnings(yaml, null);

        assertTrue(got.stream().anyMatch(w -> w.startsWith(warning)), () -> warning + " in " + got);
        FREQTRADE.validate(FREQTRADE.prepare(Documents.yaml(yaml), null).document());
    }

    @Test
    void validate_keepsUnknownKeysAsWritten() {
        ServiceConfig c = FREQTRADE.validate(Documents.yaml(FT + "  sandbox: false\ndownload_trades: true\n"
                + "external_message_consumer: {enabled: false, producers: []}\n"));

        assertEquals(true, c.values().get("download_trades"));
        assertEquals(false, ((Map<?, ?>) c.values().get("exchange")).get("sandbox"));
        assertEquals(Map.of("enabled", false, "producers", List.of()), c.values().get("external_message_consumer"));
    }

    @Test
    void validate_turnsTheRestApiOnAndBindsItToEveryInterface() {
        ServiceConfig c = FREQTRADE.validate(Documents.yaml(FT + "api_server:\n  enabled: false\n  listen_ip_address: 127.0.0.1\n"));

        Map<?, ?> api = (Map<?, ?>) c.values().get("api_server");
        assertEquals(true, api.get("enabled"));
        assertEquals("0.0.0.0", api.get("listen_ip_address"));
    }

    @Test
    void validate_unknownKeyWithALiteralCredential_isStillRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FREQTRADE.validate(Documents.yaml(FT + "my_section: {api_key: SEKRITabc123}\n")));

        assertEquals("my_section.api_key", e.field());
        assertFalse(e.getMessage().contains("SEKRIT"), e.getMessage());
    }

    @Test
    void prepare_strategyOption_fillsAMissingStrategy() {
        PreparedConfig p = FREQTRADE.prepare(Documents.yaml("stake_amount: 10\nexchange: {name: binance}\n"), "MyStrategy");

        assertEquals("MyStrategy", FREQTRADE.validate(p.document()).values().get("strategy"));
        assertEquals(List.of(), p.warnings());
    }

    @Test
    void prepare_strategyOptionDifferingFromTheFile_winsWithAWarning() {
        PreparedConfig p = FREQTRADE.prepare(Documents.yaml(FT), "Other");

        assertEquals("Other", p.document().get("strategy"));
        assertEquals(List.of("strategy: the config names \"SampleStrategy\", --strategy (API: \"strategy\") names \"Other\"; "
                + "\"Other\" is used"), p.warnings().stream().map(Warning::toString).toList());
    }

    @Test
    void validate_withoutAnyStrategy_namesBothWaysToGiveOne() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FREQTRADE.validate(FREQTRADE.prepare(Documents.yaml("stake_amount: 10\nexchange: {name: binance}\n"),
                        null).document()));

        assertEquals("strategy", e.field());
        assertTrue(e.getMessage().contains("name it in the config or pass --strategy NAME to quants-infra deploy "
                + "(API: \"strategy\" in the deploy body)"), e.getMessage());
    }

    @Test
    void prepare_strategyForAnotherService_isRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CATALOG.get("data-collector").prepare(Map.of("pairs", List.of("A-B")), "S"));

        assertEquals("strategy", e.field());
    }

    static Stream<Arguments> severalProblems() {
        return Stream.of(
                Arguments.of("freqtrade: schema and cross-key rules together", "freqtrade",
                        "stake_amount: 0\ntimeframe: 5 minutes\ndry_run: false\nexchange: {name: binance, pair_whitelist: [BTC/USDT, x]}\n",
                        List.of("stake_amount", "timeframe", "exchange.pair_whitelist[1]", "strategy",
                                "exchange.key", "exchange.secret")),
                Arguments.of("data-collector: every bad key", "data-collector",
                        "pairs: [btc-usdt, A-B, A-B]\ninterval: 0\nintervall: 5\n",
                        List.of("intervall", "pairs[0]", "pairs[2]", "interval")),
                Arguments.of("monitor: every bad key", "monitor",
                        "grafana_admin_password: SEKRIT\nretention: 15 days\nprometheus_version: 2.48.0\n",
                        List.of("prometheus_version", "retention", "grafana_admin_password")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("severalProblems")
    void validate_reportsEveryProblemAtOnce_eachWithItsPath(String name, String service, String yaml, List<String> paths) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CATALOG.get(service).validate(Documents.yaml(yaml)));

        assertEquals(paths.stream().sorted().toList(),
                e.problems().stream().map(InvalidInputException.Problem::field).sorted().toList(), e.getMessage());
        assertNull(e.field());
        assertTrue(e.getMessage().startsWith(paths.size() + " problems:\n  "), e.getMessage());
        assertEquals(paths.size() + 1, e.getMessage().lines().count(), e.getMessage());
        assertFalse(e.getMessage().contains("SEKRIT"), e.getMessage());
    }

    @Test
    void of_keepsASingleProblemAsItIs_soItsTypeAndFieldStay() {
        LiteralSecretException literal = new LiteralSecretException("exchange.key", "literal");

        assertEquals(literal, InvalidInputException.of(List.of(literal)));
    }

    @Test
    void extract_movesEveryLiteralAtOnce_evenBesideOtherProblems() {
        LiteralSecrets.Extraction x = LiteralSecrets.extract(FREQTRADE, Documents.yaml(
                "stake_amount: 0\nexchange: {name: binance, key: SEKRITkey1, secret: SEKRITsecret2}\n"));

        assertEquals(List.of("exchange.key", "exchange.secret"), x.literals().stream().map(LiteralSecrets.Literal::field).toList());
        assertEquals(Map.of("secretRef", "freqtrade/exchange/key"), ((Map<?, ?>) x.document().get("exchange")).get("key"));
    }
}
