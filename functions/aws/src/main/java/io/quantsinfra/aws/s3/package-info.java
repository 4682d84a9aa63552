/** S3: the monitor's rendered files (Prometheus configuration, rule files, Grafana provisioning) in its bucket. */
package io.quantsinfra.aws.s3;
