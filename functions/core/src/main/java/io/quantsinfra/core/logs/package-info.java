/**
 * Instance logs: the {@link io.quantsinfra.core.logs.LogSource} port (an instance's lines across all its task
 * streams, merged by time; CloudWatch Logs in {@code io.quantsinfra.aws.logs}), the validated query
 * ({@link io.quantsinfra.core.logs.LogRequest}) and a page of lines with its follow token.
 */
package io.quantsinfra.core.logs;
