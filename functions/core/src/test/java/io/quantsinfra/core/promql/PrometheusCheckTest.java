package io.quantsinfra.core.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PromQl#checkForPrometheus}: Prometheus 2.42's grammar for rules the monitor's Prometheus evaluates —
 * what CloudWatch mode refuses is accepted and named; what Prometheus itself refuses stays refused.
 */
class PrometheusCheckTest {

    static Stream<Arguments> acceptsAndNames() {
        return Stream.of(
                Arguments.of("subquery on a rate", "max_over_time(rate(m[5m])[1h:5m]) > 1", List.of("a subquery"), List.of("m")),
                Arguments.of("subquery with default step", "min_over_time(sum by (a) (m)[15m:]) > 0", List.of("a subquery"), List.of("m")),
                Arguments.of("subquery of a selector", "max_over_time(m[30m:1m]) > 1", List.of("a subquery"), List.of("m")),
                Arguments.of("subquery of parentheses", "avg_over_time((a + b)[1h:5m]) > 1", List.of("a subquery"), List.of("a", "b")),
                Arguments.of("@ on a selector", "m @ 1700000000 > 1", List.of("the @ modifier"), List.of("m")),
                Arguments.of("@ start() in a range", "rate(m[5m] @ start()) > 1", List.of("the @ modifier"), List.of("m")),
                Arguments.of("@ after offset", "m offset 5m @ end() > 1", List.of("the @ modifier"), List.of("m")),
                Arguments.of("histogram_quantile", "histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m]))) > 0.5",
                        List.of("histogram_quantile()"), List.of("x_bucket")),
                Arguments.of("native histogram fraction", "histogram_fraction(0, 0.2, m) > 0.5", List.of("histogram_fraction()"),
                        List.of("m")),
                Arguments.of("__name__ selector", "{__name__=~\"pg_settings_.*\"} != ON(__name__) {__name__=~\"pg_settings_.*\"} OFFSET 5m",
                        List.of("a selector by {__name__…}"), List.of("", "")),
                Arguments.of("week-long range", "min_over_time(m[1w]) > 1", List.of("a range of [1w] (beyond the 1d read from CloudWatch)"),
                        List.of("m")),
                Arguments.of("sub-minute range", "rate(m[30s]) > 1", List.of("a range of [30s] (shorter than CloudWatch's 1-minute period)"),
                        List.of("m")),
                Arguments.of("two-day offset", "m offset 2d > 1", List.of("offset 2d (beyond the 1d read from CloudWatch)"), List.of("m")),
                Arguments.of("up is fine syntax", "up == 0", List.of(), List.of("up")),
                Arguments.of("CloudWatch subset unchanged", "sum by (s) (rate(m{a=\"b\"}[5m])) > 2", List.of(), List.of("m")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void acceptsAndNames(String name, String expr, List<String> prometheusOnly, List<String> metrics) {
        PromQl.PrometheusCheck c = PromQl.checkForPrometheus(expr);
        assertEquals(prometheusOnly, c.prometheusOnly());
        assertEquals(metrics, c.selectors().stream().map(Expr.Selector::metric).toList());
    }

    static Stream<Arguments> refusesWhatPrometheusRefuses() {
        return Stream.of(
                Arguments.of("subquery at the top", "rate(m[5m])[1h:5m]", "range vector"),
                Arguments.of("subquery in a sum", "sum(m[1h:5m]) > 1", "range vector"),
                Arguments.of("subquery compared", "m[1h:5m] > 1", "range vector"),
                Arguments.of("range on a call", "max_over_time(rate(m[5m])[1h]) > 1", "only allowed on a selector"),
                Arguments.of("histogram_quantile arity", "histogram_quantile(x_bucket) > 1", "takes 2 arguments"),
                Arguments.of("histogram_quantile types", "histogram_quantile(x_bucket, 0.9) > 1", "must be a number"),
                Arguments.of("negative offset", "m offset -5m > 1", "negative offset"),
                Arguments.of("@ on a call", "rate(m[5m]) @ 100 > 1", "@ must follow"),
                Arguments.of("@ without time", "m @ > 1", "@ takes a Unix time"),
                Arguments.of("zero step", "max_over_time(m[1h:0s]) > 1", "greater than 0"),
                Arguments.of("label_values", "label_values(m, a)", "Grafana"),
                Arguments.of("unknown function", "foo(m) > 1", "not a PromQL function"),
                Arguments.of("garbage", "m > ", "ends too early"),
                Arguments.of("bad __name__ regex", "{__name__=~\"(\"} > 1", "not a valid regular expression"),
                Arguments.of("a string", "\"up\"", "a string is not an expression"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refusesWhatPrometheusRefuses(String name, String expr, String message) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> PromQl.checkForPrometheus(expr));
        assertTrue(e.getMessage().contains(message), e::getMessage);
    }

    static Stream<Arguments> cloudWatchModeStillRefuses() {
        return Stream.of(
                Arguments.of("max_over_time(rate(m[5m])[1h:5m]) > 1", "subqueries"),
                Arguments.of("m @ 1700000000 > 1", "@ modifier is not supported"),
                Arguments.of("histogram_quantile(0.99, rate(x_bucket[5m])) > 0.5", "histogram_quantile() is not supported"),
                Arguments.of("{__name__=~\"pg_.*\"} > 1", "needs a metric name"),
                Arguments.of("min_over_time(m[1w]) > 1", "longer than the 1d"),
                Arguments.of("m offset 2d > 1", "further back than the 1d"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void cloudWatchModeStillRefuses(String expr, String message) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> PromQl.parse(expr));
        assertTrue(e.getMessage().contains(message), e::getMessage);
    }
}
