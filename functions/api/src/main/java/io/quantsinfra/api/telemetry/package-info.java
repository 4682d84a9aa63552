/**
 * The API's own metrics: Micronaut's metrics (micronaut-micrometer) with its CloudWatch registry bean replaced by
 * one that {@link io.quantsinfra.api.ApiHandler} flushes before each invocation returns, and Micronaut's HTTP server
 * timer renamed to {@code quants_infra_api_request_ms} by route template, method and status class. On only when
 * {@code QUANTS_INFRA_METRICS=true} ({@link io.quantsinfra.api.telemetry.ApiMetrics#properties}).
 */
package io.quantsinfra.api.telemetry;
