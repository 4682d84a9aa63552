/**
 * The PromQL subset quants-infra evaluates over CloudWatch: parsing ({@link io.quantsinfra.core.promql.PromQl}),
 * the expression tree ({@link io.quantsinfra.core.promql.Expr}), Prometheus durations and the pure evaluator
 * that turns series data into an instant vector. Anything outside the subset is refused with the list of
 * what is supported ({@link io.quantsinfra.core.promql.PromQl#SUPPORTED}). The parser is in three parts: {@code PromQl}
 * (operators, calls, aggregations and the two modes, CloudWatch's subset and Prometheus's grammar), {@code SeriesSyntax}
 * (selectors, ranges, offsets, {@code @}, subqueries: where CloudWatch's limits bite) and {@code Scanner} (characters
 * into numbers, strings, names and symbols).
 */
package io.quantsinfra.core.promql;
