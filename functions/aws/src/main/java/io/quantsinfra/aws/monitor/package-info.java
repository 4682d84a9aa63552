/**
 * Wiring of the monitor's files over AWS: the stored scrape targets and rule files (DynamoDB), the running
 * instances' addresses (ECS) and the monitor bucket (S3), composed into
 * {@link io.quantsinfra.core.monitor.MonitorFiles}.
 */
package io.quantsinfra.aws.monitor;
