/** CloudWatch Logs: an instance's log lines across its task streams. */
package io.quantsinfra.aws.logs;
