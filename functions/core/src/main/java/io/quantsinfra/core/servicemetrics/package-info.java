/**
 * The services' own metrics, brought where alert rules read them: the health probe scrapes each data collector's
 * Prometheus page ({@link io.quantsinfra.core.servicemetrics.Exposition}, a strict parser with size and sample
 * bounds) and reads each Freqtrade bot's REST API ({@link io.quantsinfra.core.servicemetrics.TradingMetrics}), and
 * turns an allowlisted set of series into CloudWatch datapoints
 * ({@link io.quantsinfra.core.servicemetrics.ServiceMetricsScraper}). Nothing here imports an AWS type; the
 * datapoints go out through the {@link io.quantsinfra.core.metrics.MetricPublisher} port. Run by the scheduled
 * probe ({@code core.probe}); {@code core.health}'s package-info maps all of health.
 */
package io.quantsinfra.core.servicemetrics;
