/**
 * The PromQL subset quants-infra evaluates over CloudWatch: parsing ({@link io.quantsinfra.core.promql.PromQl}),
 * the expression tree ({@link io.quantsinfra.core.promql.Expr}), Prometheus durations and the pure evaluator
 * that turns series data into an instant vector. Anything outside the subset is refused with the list of
 * what is supported ({@link io.quantsinfra.core.promql.PromQl#SUPPORTED}). The parser is in four parts: {@code PromQl}
 * (the entry points and their two modes, CloudWatch's subset and Prometheus's grammar; operators, precedence and
 * nesting depth), {@code Calls} (functions, aggregations, argument types), {@code SeriesSyntax} (selectors, ranges,
 * offsets, {@code @}, subqueries: where CloudWatch's limits bite) and {@code Scanner} (characters into numbers,
 * strings, names and symbols).
 */
package io.quantsinfra.core.promql;
