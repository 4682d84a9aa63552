/**
 * Configuration of the app from CDK context ({@code cdk.json}, {@code -c key=value}): read once, validated
 * at the edge into {@link io.quantsinfra.cdk.config.AppConfig}; a bad value fails synth with the key and the
 * reason ({@link io.quantsinfra.cdk.config.InvalidContextException}).
 */
package io.quantsinfra.cdk.config;
