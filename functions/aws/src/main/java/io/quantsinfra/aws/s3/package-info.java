/** S3: the monitor's rendered Prometheus configuration. */
package io.quantsinfra.aws.s3;
