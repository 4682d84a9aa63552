/**
 * Cold start of the API Lambda: {@link io.quantsinfra.benchmarks.coldstart.ApiColdStart} runs beside the
 * shaded Lambda jar in a fresh JVM, builds the handler as the Lambda runtime would and serves one
 * {@code GET /v1/status} event; {@code cold-start.sh} times the whole process from outside.
 * {@link io.quantsinfra.benchmarks.coldstart.PrepareAccount} prepares the emulated account once, before
 * any timing. Only this package (not its {@code bare} subpackage) goes into the invoker jar.
 */
package io.quantsinfra.benchmarks.coldstart;
