package io.quantsinfra.core.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PromQlTest {

    static Stream<Arguments> parses() {
        return Stream.of(
                Arguments.of("threshold", "aws_ecs_cpuutilization_average{service_name=\"freqtrade-1\"} > 80",
                        "(aws_ecs_cpuutilization_average{service_name=\"freqtrade-1\"} > 80)"),
                Arguments.of("all four matchers", "m{a=\"1\", b!=\"2\", c=~\"x.*\", d!~'y'} == 0",
                        "(m{a=\"1\", b!=\"2\", c=~\"x.*\", d!~\"y\"} == 0)"),
                Arguments.of("range function", "avg_over_time(m[5m]) >= 0.5", "(avg_over_time(m[5m]) >= 0.5)"),
                Arguments.of("rate in sum by", "sum by (service) (rate(trades_total[10m])) < 1",
                        "(sum by (service) (rate(trades_total[10m])) < 1)"),
                Arguments.of("by after the parentheses", "max(m) by (a, b) > 1", "(max by (a, b) (m) > 1)"),
                Arguments.of("number on the left flips", "80 < m", "(m > 80)"),
                Arguments.of("arithmetic precedence", "a / b * 100 > 5", "(((a / b) * 100) > 5)"),
                Arguments.of("set operators", "a > 1 and on(service) b == 0 or c", "(((a > 1) and on(service) (b == 0)) or c)"),
                Arguments.of("unless ignoring", "a unless ignoring(x) b", "(a unless ignoring(x) b)"),
                Arguments.of("absent", "absent(m{job=\"x\"})", "absent(m{job=\"x\"})"),
                Arguments.of("unary minus", "-m < -5", "((m * -1) < -5)"),
                Arguments.of("scientific number", "m > 5e8", "(m > 500000000)"),
                Arguments.of("comment", "m > 1 # high", "(m > 1)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void parses(String name, String expr, String written) {
        assertEquals(written, PromQl.parse(expr).toString());
    }

    static Stream<Arguments> refuses() {
        return Stream.of(
                Arguments.of("histogram_quantile", "histogram_quantile(0.99, rate(x_bucket[5m])) > 0.5", "histogram_quantile() is not supported"),
                Arguments.of("unknown function", "foo(m)", "foo() is not supported"),
                Arguments.of("native histogram", "histogram_count(m) > 1", "native histograms do not exist in CloudWatch"),
                Arguments.of("negative offset", "m offset -5m > 1", "negative offset"),
                Arguments.of("subquery", "max_over_time(m[5m:1m]) > 1", "subqueries"),
                Arguments.of("range outside function", "m[5m]", "only allowed on a selector inside a range function"),
                Arguments.of("comparing numbers without bool", "1 > 0", "needs bool"),
                Arguments.of("at modifier", "m @ 1700000000 > 1", "@ modifier is not supported"),
                Arguments.of("group_left without on", "a * group_left b", "need on(...) or ignoring(...)"),
                Arguments.of("sub-minute range", "rate(m[30s]) > 1", "shorter than CloudWatch's 1-minute period"),
                Arguments.of("unclosed brace", "m{a=\"1\" > 1", "',' or '}' expected"),
                Arguments.of("bad regex", "m{a=~\"(\"} > 1", "not a valid regular expression"),
                Arguments.of("string", "\"up\"", "a string is not an expression"),
                Arguments.of("no metric name", "{job=\"x\"} > 1", "needs a metric name"),
                Arguments.of("empty", " ", "empty"),
                Arguments.of("trailing garbage", "m > 1 )", "unexpected ')'"),
                Arguments.of("set op with number", "m and 1", "works between two vectors"),
                Arguments.of("aggregate of number", "sum(1)", "needs a vector"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refuses(String name, String expr, String message) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> PromQl.parse(expr));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void refusal_ofAnUnknownFunction_saysItIsNotPromQl() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> PromQl.parse("topk_over_time(m[5m])"));
        assertTrue(e.getMessage().contains("not a PromQL function"), e.getMessage());
    }
}
