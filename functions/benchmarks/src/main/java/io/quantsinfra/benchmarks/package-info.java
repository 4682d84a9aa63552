/**
 * Benchmarks of quants-infra, run by {@code functions/benchmarks/run-all.sh} and timed from outside where
 * the figure is a process's life (cold start). Each prints its figures; none is a test, and the normal
 * build only compiles them. Results and how to read them: {@code docs/benchmarks.md}.
 */
package io.quantsinfra.benchmarks;
