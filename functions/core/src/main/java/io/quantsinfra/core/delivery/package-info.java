/**
 * Delivery over a receiver's endpoints, like seed 002's endpoint manager: strategies (priority, least_latency,
 * round_robin, random), failover with backoff, retryable vs permanent failures, a rate limit per endpoint and
 * minute, and per-endpoint stats ({@link io.quantsinfra.core.delivery.EndpointStats}, persisted so they hold
 * across Lambda invocations).
 */
package io.quantsinfra.core.delivery;
