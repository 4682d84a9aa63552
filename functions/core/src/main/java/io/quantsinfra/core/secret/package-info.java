/**
 * Secret references in service config and the port that resolves them to ECS {@code valueFrom}s; which secrets
 * the alerting routing config may read ({@link io.quantsinfra.core.secret.AlertingSecrets}).
 */
package io.quantsinfra.core.secret;
