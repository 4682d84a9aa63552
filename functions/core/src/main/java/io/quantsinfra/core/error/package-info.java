/**
 * The exception hierarchy: one unchecked base, {@link io.quantsinfra.core.error.QuantsInfraException},
 * and a subclass per failure. The API maps {@code kind()} to problem+json, the CLI to exit codes.
 */
package io.quantsinfra.core.error;
