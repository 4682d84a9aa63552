package io.quantsinfra.core.catalog.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.json.Json;
import io.quantsinfra.core.secret.SecretRef;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaTest {
    private static final Path AT = Path.ROOT.key("n");

    static Stream<Arguments> integralNumbers() {
        return Stream.of(
                Arguments.of("Integer from YAML", 5),
                Arguments.of("Long from JSON", 5L),
                Arguments.of("BigInteger", BigInteger.valueOf(5)),
                Arguments.of("whole Double", 5.0),
                Arguments.of("whole BigDecimal", new BigDecimal("5.00")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integralNumbers")
    void integer_acceptsAnyIntegralNumber_asInteger(String name, Object raw) {
        assertEquals(5, Schema.integer(1, 10).check(raw, AT));
    }

    @Test
    void integer_refusesFractionsStringsAndBooleans() {
        assertEquals("n: expected an integer from 1 to 10, got 5.5 (not a whole number)",
                assertThrows(InvalidInputException.class, () -> Schema.integer(1, 10).check(5.5, AT)).getMessage());
        assertEquals("n: expected an integer from 1 to 10, got a string (\"5\")",
                assertThrows(InvalidInputException.class, () -> Schema.integer(1, 10).check("5", AT)).getMessage());
        assertEquals("n: expected an integer from 1 to 10, got a boolean (true)",
                assertThrows(InvalidInputException.class, () -> Schema.integer(1, 10).check(true, AT)).getMessage());
    }

    @Test
    void number_normalizesWholeValuesToLongAndFractionsToDouble_whateverTheParser() {
        assertEquals(7L, Schema.positive().check(7, AT));
        assertEquals(7L, Schema.positive().check(BigInteger.valueOf(7), AT));
        assertEquals(7L, Schema.positive().check(7.0, AT));
        assertEquals(7L, Schema.positive().check(new BigDecimal("7.00"), AT));
        assertEquals(0.5, Schema.positive().check(new BigDecimal("0.5"), AT));
        assertThrows(InvalidInputException.class, () -> Schema.positive().check(Double.NaN, AT));
    }

    @Test
    void path_writesNonPlainKeysInBrackets() {
        assertEquals("minimal_roi[\"40\"]", Path.ROOT.key("minimal_roi").key("40").text());
        assertEquals("exchange.pair_whitelist[2]", Path.ROOT.key("exchange").key("pair_whitelist").index(2).text());
    }

    @Test
    void closest_findsTyposTranspositionsAndCase() {
        List<String> known = List.of("pair_whitelist", "pair_blacklist", "jsonKey", "secretRef");
        assertEquals("pair_whitelist", Values.closest("pair_whitelsit", known));
        assertEquals("jsonKey", Values.closest("json_key", known));
        assertEquals("secretRef", Values.closest("SecretRef", known));
        assertNull(Values.closest("completely_else", known));
    }

    @Test
    void looksSecret_hidesKeysTokensAndCredentialUrls_butNotOrdinaryValues() {
        assertTrue(Values.looksSecret("123456789:AAHk3jf93jfKD93kdf"));
        assertTrue(Values.looksSecret("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"));
        assertTrue(Values.looksSecret("https://user:pw@example.com/x"));
        assertFalse(Values.looksSecret("/data/orderbook_snapshots"));
        assertFalse(Values.looksSecret("VIRTUAL-USDT"));
        assertFalse(Values.looksSecret("5 minutes"));
        assertEquals("<hidden>", Values.show("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"));
    }

    @Test
    void secret_acceptsReferencesAndTreatsEmptyAsNotSet() {
        SecretNode node = Schema.secret();
        Object ref = node.check(Map.of("secretRef", "binance/main", "jsonKey", "secret"), AT);
        assertEquals(new SecretRef("binance/main", "secret"), SecretRefs.toRef(ref));
        assertNull(node.check("", AT));
        assertThrows(InvalidInputException.class, () -> node.check(true, AT));
    }

    @Test
    void secretUnlessPlainUrl_tellsCredentialUrlsFromPlainOnes() {
        assertFalse(SecretNode.carriesCredential("https://hooks.example.com/freqtrade/events"));
        assertFalse(SecretNode.carriesCredential("sqlite:////freqtrade/user_data/tradesv3.sqlite"));
        assertTrue(SecretNode.carriesCredential("https://hooks.slack.com/services/T0001/B0001/Xk3j9Dk2La8sP0qW7eR5tY1u"));
        assertTrue(SecretNode.carriesCredential("https://api.example.com/hook?apikey=abc"));
        assertTrue(SecretNode.carriesCredential("postgresql://bot:pw@db:5432/trades"));
    }

    @Test
    void freeForm_keepsTheDocument_andNormalizesNumbersAndYamlIntegerKeys() {
        Map<Object, Object> roi = new LinkedHashMap<>();
        roi.put(0, 0.04);
        roi.put("40", 0);
        assertEquals(Map.of("0", 0.04, "40", 0L), Schema.freeObject().check(roi, AT));
    }

    @Test
    void object_refusesUnknownKeys_listingTheKnownOnes_withOrWithoutASuggestion() {
        ObjectNode node = Schema.object().optional("interval", Schema.integer(1, 9)).optional("pairs", Schema.freeList());
        assertEquals("intervall: unknown key; did you mean \"interval\"? Known keys: interval, pairs.",
                assertThrows(InvalidInputException.class, () -> node.check(Map.of("intervall", 1), Path.ROOT)).getMessage());
        assertEquals("zzz: unknown key. Known keys: interval, pairs.",
                assertThrows(InvalidInputException.class, () -> node.check(Map.of("zzz", 1), Path.ROOT)).getMessage());
    }

    @Test
    void json_isCanonical() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("b", List.of(1L, 2.5, true, "x\"y\n"));
        doc.put("a", null);
        assertEquals("{\"a\":null,\"b\":[1,2.5,true,\"x\\\"y\\n\"]}", Json.write(doc));
    }

    @Test
    void object_fillsSectionsWithTheirDefaults() {
        ObjectNode inner = Schema.object().defaulted("port", Schema.integer(1, 65535), 8080);
        ObjectNode outer = Schema.object().section("api", inner);
        assertEquals(Map.of("api", Map.of("port", 8080)), outer.check(Map.of(), Path.ROOT));
    }

    @Test
    void object_treatsNullAsAbsent() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("interval", null);
        ObjectNode node = Schema.object().defaulted("interval", Schema.integer(1, 9), 5);
        assertEquals(Map.of("interval", 5), node.check(raw, Path.ROOT));
    }
}
