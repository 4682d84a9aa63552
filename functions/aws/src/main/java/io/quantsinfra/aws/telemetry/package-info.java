/**
 * The control plane's own metrics in CloudWatch (namespace {@code QuantsInfra}): micrometer's CloudWatch registry
 * made to publish on demand ({@link io.quantsinfra.aws.telemetry.FlushingCloudWatchMeterRegistry}: a Lambda
 * invocation flushes what it recorded before it returns), the async client it needs backed by the url-connection
 * client ({@link io.quantsinfra.aws.telemetry.SyncCloudWatchAsyncClient}), the core's telemetry events as meters
 * ({@link io.quantsinfra.aws.telemetry.MicrometerTelemetry}) and the metric names
 * ({@link io.quantsinfra.aws.telemetry.ControlPlaneMetrics}).
 */
package io.quantsinfra.aws.telemetry;
