/**
 * The control plane's own telemetry, as a port: the domain services report what they did (a deploy and its
 * result, an evaluation cycle, a notification per receiver) to a {@link io.quantsinfra.core.telemetry.Telemetry};
 * the adapters turn the events into metrics (functions/aws: micrometer, published to CloudWatch). The default,
 * {@link io.quantsinfra.core.telemetry.Telemetry#NONE}, drops them.
 */
package io.quantsinfra.core.telemetry;
