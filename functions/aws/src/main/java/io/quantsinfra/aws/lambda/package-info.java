/**
 * Lambda Invoke without the SDK's Lambda client: {@link io.quantsinfra.aws.lambda.LambdaEventInvoker} makes the
 * one call the API needs (an asynchronous invoke of the job dispatcher) with the SDK's own SigV4 signer and
 * url-connection client, which the jar already holds.
 */
package io.quantsinfra.aws.lambda;
