package io.quantsinfra.core.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DocumentLimitsTest {

    static Stream<Arguments> measures() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ab", "xyz");
        m.put("n", null);
        return Stream.of(
                Arguments.of("ascii string", "hello", 5, 0),
                Arguments.of("string in utf-8 bytes", "é€", 5, 0),
                Arguments.of("boolean", true, 1, 0),
                Arguments.of("null", null, 1, 0),
                Arguments.of("number: one byte per two digits plus one", 12345, 4, 0),
                Arguments.of("number: trailing zeros are trimmed", 1000, 2, 0),
                Arguments.of("empty list", List.of(), 3, 1),
                Arguments.of("list: 3 + 1 per element + elements", List.of("a", "bc"), 8, 1),
                Arguments.of("map: 3 + 1 per entry + keys + values", m, 3 + 2 + 2 + 3 + 1 + 1, 1),
                Arguments.of("nested", List.of(List.of(List.of())), 3 + 1 + 3 + 1 + 3, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void measures(String name, Object doc, long bytes, int depth) {
        assertEquals(new DocumentLimits.Size(bytes, depth), DocumentLimits.measure(doc));
    }

    @Test
    void nesting100000Deep_isMeasuredWithoutDescendingPastTheLimit() {
        List<Object> root = new ArrayList<>();
        List<Object> cur = root;
        for (int i = 0; i < 100_000; i++) {
            List<Object> next = new ArrayList<>();
            cur.add(next);
            cur = next;
        }

        assertEquals(DocumentLimits.MAX_DEPTH + 1, DocumentLimits.measure(root).depth());
        assertTrue(DocumentLimits.problem(root, "the doc").orElseThrow().contains("the limit is 24 levels"));
    }

    @Test
    void sizeOverTheLimit_isNamed_andAtTheLimitPasses() {
        String big = "x".repeat(DocumentLimits.MAX_BYTES - 3 - 1 - 1);
        Map<String, Object> atLimit = Map.of("k", big.substring(1));
        Map<String, Object> over = Map.of("k", big + "xx");

        assertEquals(DocumentLimits.MAX_BYTES - 1, DocumentLimits.measure(atLimit).bytes());
        assertTrue(DocumentLimits.problem(atLimit, "the doc").isEmpty());
        assertTrue(DocumentLimits.problem(over, "the doc").orElseThrow().contains("the limit is 393,216 bytes"));
    }
}
