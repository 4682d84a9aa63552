/**
 * In-memory implementations of the alerting ports (metrics, rule and alert stores, lease, heartbeats,
 * silences, notification log, endpoint stats): the fakes tests and benchmarks run the domain with,
 * behaving as the DynamoDB and CloudWatch adapters do, conditions included.
 */
package io.quantsinfra.core.inmemory;
