/** Job queue benchmarks: dispatch decisions per second and store reads and writes per dispatch cycle by queue length. */
package io.quantsinfra.benchmarks.jobs;
