package io.quantsinfra.core.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantsinfra.core.promql.Expr.BinOp;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one rule for whether a binary operator keeps a sample: a comparison keeps it when it holds (NaN compares
 * false, except {@code !=}); every other operator filters nothing and keeps it, as Prometheus does. Both the
 * PromQL evaluator and the threshold evaluation of alert rules decide through {@link Ops#keeps}.
 */
class OpsKeepsTest {
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("greater holds", BinOp.GT, 81, 80, true),
                Arguments.of("greater fails on equal", BinOp.GT, 80, 80, false),
                Arguments.of("greater-or-equal holds on equal", BinOp.GE, 80, 80, true),
                Arguments.of("less holds", BinOp.LT, 79, 80, true),
                Arguments.of("less-or-equal fails above", BinOp.LE, 81, 80, false),
                Arguments.of("equal holds", BinOp.EQ, 1, 1, true),
                Arguments.of("not-equal fails on equal", BinOp.NE, 1, 1, false),
                Arguments.of("NaN compares false", BinOp.GT, Double.NaN, 0, false),
                Arguments.of("NaN is never equal", BinOp.NE, Double.NaN, Double.NaN, true),
                Arguments.of("addition filters nothing", BinOp.ADD, 1, 2, true),
                Arguments.of("division filters nothing", BinOp.DIV, 0, 0, true),
                Arguments.of("set operators filter nothing", BinOp.AND, 0, 0, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void keeps_holdsForTrueComparisons_andAlwaysForOtherOperators(String name, BinOp op, double a, double b,
            boolean kept) {
        assertEquals(kept, Ops.keeps(op, a, b));
    }
}
