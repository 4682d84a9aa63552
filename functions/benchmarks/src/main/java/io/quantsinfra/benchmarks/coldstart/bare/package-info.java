/**
 * The baseline for the cold start: a bare AWS SDK v2 handler making one ECS {@code ListServices} call,
 * shaded with only the ECS client and the url-connection client ({@code target/bare-sdk-ecs.jar}).
 */
package io.quantsinfra.benchmarks.coldstart.bare;
