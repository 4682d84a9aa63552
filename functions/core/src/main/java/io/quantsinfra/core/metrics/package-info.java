/**
 * Metrics in CloudWatch as the evaluator sees them: the naming convention that maps Prometheus metric names
 * to CloudWatch namespace, metric and statistic ({@link io.quantsinfra.core.metrics.CloudWatchNames}), the
 * {@link io.quantsinfra.core.metrics.MetricSource} and {@link io.quantsinfra.core.metrics.MetricPublisher}
 * ports, series discovery with a cache, and batched fetching (at most 500 series per request).
 */
package io.quantsinfra.core.metrics;
