/**
 * Jobs over HTTP ({@code /v1/jobs…}): definitions, publish (one job or a chain), the queue, one job with its
 * attempts and logs, cancel, retry, stats, cleanup, and a dispatch cycle on demand. Thin: parse, call
 * {@code core.job}, map back ({@link io.quantsinfra.api.jobs.JobDocuments}). After a publish the dispatcher runs
 * soon ({@link io.quantsinfra.api.jobs.DispatchTrigger}): on AWS by an asynchronous invoke of the dispatcher Lambda,
 * in local mode in-process.
 */
package io.quantsinfra.api.jobs;
