/**
 * The PromQL subset quants-infra evaluates over CloudWatch: parsing ({@link io.quantsinfra.core.promql.PromQl}),
 * the expression tree ({@link io.quantsinfra.core.promql.Expr}), Prometheus durations and the pure evaluator
 * that turns series data into an instant vector. Anything outside the subset is refused with the list of
 * what is supported ({@link io.quantsinfra.core.promql.PromQl#SUPPORTED}).
 */
package io.quantsinfra.core.promql;
