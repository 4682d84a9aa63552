package io.quantsinfra.core.promql.differential;

import io.quantsinfra.core.promql.Expr;
import java.time.Duration;

/**
 * Writes an expression for Prometheus so that it reads the same datapoints as core's evaluator. Core's windows are
 * half-open on period starts, {@code [t - range, t)} (the period starting at t is not over yet); Prometheus 2.42's are
 * closed, {@code [t - range, t]}. Moving every selector back by one millisecond ({@code offset 1ms}) makes the closed
 * window hold exactly the minute-aligned samples of the half-open one, without changing {@code time()}.
 */
final class Oracle {
    static final Duration SHIFT = Duration.ofMillis(1);

    private Oracle() {}

    static String promql(Expr e) {
        return shift(e).toString();
    }

    static Expr shift(Expr e) {
        return switch (e) {
            case Expr.Number n -> n;
            case Expr.Str s -> s;
            case Expr.Selector s -> new Expr.Selector(s.metric(), s.matchers(), s.offset().plus(SHIFT));
            case Expr.RangeCall r -> new Expr.RangeCall(r.fn(), (Expr.Selector) shift(r.selector()), r.range(),
                    r.params().stream().map(Oracle::shift).toList());
            case Expr.Call c -> new Expr.Call(c.fn(), c.args().stream().map(Oracle::shift).toList());
            case Expr.Aggregate a -> new Expr.Aggregate(a.op(), a.by(), a.without(), a.param() == null ? null : shift(a.param()),
                    shift(a.inner()));
            case Expr.Binary b -> new Expr.Binary(b.op(), shift(b.left()), shift(b.right()), b.matching(), b.bool());
        };
    }
}
