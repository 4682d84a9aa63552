/**
 * Alerting benchmarks: evaluation throughput for 10,000 rules (JMH, {@link io.quantsinfra.benchmarks.alerting.EvaluationBenchmark})
 * and the CloudWatch requests and cost of a cycle against the emulator ({@link io.quantsinfra.benchmarks.alerting.AlertingCallsBenchmark}).
 * Run with {@code functions/benchmarks/alerting.sh}; figures in docs/alerting.md.
 */
package io.quantsinfra.benchmarks.alerting;
