/**
 * Delivery over a receiver's endpoints, like seed 002's endpoint manager: strategies (priority, least_latency,
 * round_robin, random), failover with backoff, retryable vs permanent failures, a rate limit per endpoint and
 * minute, and per-endpoint stats ({@link io.quantsinfra.core.delivery.EndpointStats}, persisted so they hold
 * across Lambda invocations). Every delivery runs against a deadline: attempts are cut at the time left
 * ({@link io.quantsinfra.core.delivery.AttemptRunner}), backoff has full jitter, independent sends run in parallel
 * ({@link io.quantsinfra.core.delivery.Parallel}), and whatever a notifier throws fails only its attempt.
 */
package io.quantsinfra.core.delivery;
