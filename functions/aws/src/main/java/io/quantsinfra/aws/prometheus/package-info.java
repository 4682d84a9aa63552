/**
 * The monitor's Prometheus as the {@link io.quantsinfra.core.metrics.PrometheusQuery} port: its HTTP API over
 * {@code java.net.http} with the SDK's own JSON reader ({@link io.quantsinfra.aws.prometheus.PrometheusHttpApi}), and
 * where it answers ({@link io.quantsinfra.aws.prometheus.MonitorPrometheus}: the monitor's running task in ECS, or a
 * loopback URL in local mode).
 */
package io.quantsinfra.aws.prometheus;
