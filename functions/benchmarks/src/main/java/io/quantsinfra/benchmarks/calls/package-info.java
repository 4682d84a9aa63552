/**
 * AWS calls and wall time of deploys driven through the CLI against local mode (moto), counted by an
 * {@link io.quantsinfra.aws.AwsCallRecorder}: one instance, ten instances, and an unchanged redeploy.
 */
package io.quantsinfra.benchmarks.calls;
