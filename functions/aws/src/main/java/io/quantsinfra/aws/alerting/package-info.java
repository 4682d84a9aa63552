/** Builds the alerting system over the AWS adapters: one place that the API and the scheduled handlers share. */
package io.quantsinfra.aws.alerting;
