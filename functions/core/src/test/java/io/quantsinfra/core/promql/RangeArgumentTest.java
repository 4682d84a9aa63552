package io.quantsinfra.core.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The range argument of a range function, as Prometheus parses it (found by Prometheus's functions.test). */
class RangeArgumentTest {
    @Test
    void parenthesesAroundTheRangeArgument_areAccepted() {
        assertEquals(PromQl.parse("changes(x[50m])").toString(), PromQl.parse("changes((x[50m]))").toString());
        assertEquals(PromQl.parse("quantile_over_time(2, x[1m] offset 5m)").toString(),
                PromQl.parse("(quantile_over_time(2, ((x[1m] offset 5m))))").toString());
    }

    @Test
    void unbalancedParenthesesAroundTheRangeArgument_areRefused() {
        assertThrows(ExpressionException.class, () -> PromQl.parse("changes((x[50m])"));
    }

    @Test
    void aRangeArgumentWithoutMetricName_isRefusedSayingSo() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> PromQl.parse("absent_over_time({job=\"x\"}[5m])"));
        assertTrue(e.getMessage().startsWith("a selector needs a metric name before '{'"), e.getMessage());
    }
}
