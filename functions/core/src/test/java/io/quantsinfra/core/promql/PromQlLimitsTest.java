package io.quantsinfra.core.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expressions past the length or nesting limit are refused with the limit named; no input overflows the stack. */
class PromQlLimitsTest {
    private static final String DEPTH = "the limit is " + PromQl.MAX_DEPTH + " levels";
    private static final String LENGTH = "the limit is " + PromQl.MAX_LENGTH + " characters per expression";

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("100,000 nested parentheses", "(".repeat(100_000) + "m" + ")".repeat(100_000), LENGTH),
                Arguments.of("100,000 unclosed parentheses", "(".repeat(100_000), LENGTH),
                Arguments.of("8,000 nested parentheses", "(".repeat(8_000) + "m" + ")".repeat(8_000) + " > 1", DEPTH),
                Arguments.of("5,000 nested negations", "-(".repeat(5_000) + "m" + ")".repeat(5_000), DEPTH),
                Arguments.of("10,000 signs", "-".repeat(10_000) + "m", DEPTH),
                Arguments.of("8,000 alternating signs", "- +".repeat(2_700) + "m", DEPTH),
                Arguments.of("a chain of 5,000 additions", "m" + " + m".repeat(3_000), DEPTH),
                Arguments.of("a chain of 3,000 ors", "a" + " or a".repeat(2_500), DEPTH),
                Arguments.of("nested aggregations", "sum(".repeat(2_000) + "m" + ")".repeat(2_000), DEPTH),
                Arguments.of("one character over the length", "m > " + "1".repeat(PromQl.MAX_LENGTH - 3), LENGTH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String name, String expression, String limit) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> PromQl.parse(expression));

        assertTrue(e.getMessage().contains(limit), e::getMessage);
    }

    @Test
    void nestingAtTheLimit_parses_andEvaluatorDepthIsBounded() {
        int n = PromQl.MAX_DEPTH - 1;
        Expr parens = PromQl.parse("(".repeat(n) + "m" + ")".repeat(n) + " > 1");
        Expr chain = PromQl.parse("m" + " + m".repeat(n - 1));

        assertEquals("(m > 1)", parens.toString());
        assertEquals(n, chain.selectors().size());
    }

    @Test
    void oneLevelPastTheLimit_isRefused() {
        int n = PromQl.MAX_DEPTH + 1;
        assertThrows(ExpressionException.class, () -> PromQl.parse("(".repeat(n) + "m" + ")".repeat(n)));
        assertThrows(ExpressionException.class, () -> PromQl.parse("m" + " + m".repeat(n)));
    }

    @Test
    void expressionOfExactlyTheLength_isAccepted() {
        String e = "m > " + "1".repeat(PromQl.MAX_LENGTH - 4);
        assertEquals(PromQl.MAX_LENGTH, e.length());
        assertTrue(PromQl.parse(e) instanceof Expr.Binary);
    }

    @Test
    void selectorRegex_isRe2_withPrometheusAnchoring() {
        Expr.Binary b = (Expr.Binary) PromQl.parse("m{note=~\"a.b\", svc!~\"(a+)+$\"} > 1");
        Expr.Selector s = (Expr.Selector) b.left();

        assertTrue(s.matchers().get(0).matches("a\nb"), "Prometheus 3: '.' matches a newline");
        assertTrue(s.matchers().get(1).matches("a".repeat(100_000) + "!"));
        ExpressionException e = assertThrows(ExpressionException.class, () -> PromQl.parse("m{a=~\"(?=x)\"} > 1"));
        assertEquals(2, e.position());
    }
}
