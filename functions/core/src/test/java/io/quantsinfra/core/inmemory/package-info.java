/**
 * In-memory implementations of core's ports (metrics, rule and alert stores, lease, heartbeats, silences,
 * notification log, endpoint stats, routing config, secret values): the fakes tests and benchmarks run the
 * domain with, behaving as the DynamoDB and CloudWatch adapters do, conditions included. They live under
 * {@code src/test} and ship in core's test-fixtures jar ({@code <type>test-jar</type>}), never in the
 * production jar; the real adapters are in {@code quants-infra-aws}.
 */
package io.quantsinfra.core.inmemory;
