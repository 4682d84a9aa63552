/**
 * What the control plane's own metrics cost an API request: {@link io.quantsinfra.benchmarks.metrics.ApiMetricsOverhead}
 * invokes the API Lambda handler for {@code GET /v1/status} against the emulator with metrics off, on without the
 * flush, and on with the flush the handler does before it returns. See docs/metrics.md.
 */
package io.quantsinfra.benchmarks.metrics;
