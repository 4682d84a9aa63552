/**
 * Adapters of the core's ports to AWS, one package per AWS service ({@code ecs}, {@code ec2}, {@code logs},
 * {@code dynamodb}, {@code secretsmanager}, {@code s3}), the shared client setup, and {@code local}: the
 * preparation of an emulated account for local mode.
 */
package io.quantsinfra.aws;
