/**
 * Adapters of the core's ports to AWS, one package per AWS service: {@code ecs} (instances, rollouts, health
 * facts), {@code dynamodb} (the control plane's state and the alerting stores), {@code cloudwatch} (metrics),
 * {@code logs} (CloudWatch Logs), {@code secretsmanager}, {@code s3} (the monitor's files), {@code ses} (email);
 * and by role: {@code freqtrade} (the bot's REST API), {@code prometheus} (the monitor's query API),
 * {@code monitor} and {@code alerting} (the monitor's files and the alerting system composed over these
 * adapters), {@code telemetry} (the control plane's own metrics), {@code lambda} (the one Lambda Invoke, of the job
 * dispatcher), {@code local} (an emulated account for local mode). Here: the shared client setup and settings ({@link io.quantsinfra.aws.AwsClients},
 * {@link io.quantsinfra.aws.AwsSettings}), SDK errors to the core's exceptions ({@link io.quantsinfra.aws.AwsErrors}),
 * the dependency checks behind {@code GET /health} ({@link io.quantsinfra.aws.AwsSelfChecks}), the recording of AWS
 * calls for benchmarks and tests ({@link io.quantsinfra.aws.AwsCallRecorder}) and the per-function log of
 * operations that infra-cdk's IAM check compares with the CDK's grants ({@link io.quantsinfra.aws.FunctionCallLog}).
 */
package io.quantsinfra.aws;
