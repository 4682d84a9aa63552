/**
 * Secrets: references in service config and the port that resolves them to ECS {@code valueFrom}s; the lifecycle
 * over the {@link io.quantsinfra.core.secret.SecretStore} port ({@link io.quantsinfra.core.secret.SecretService});
 * rotation, the one state machine the API, the CLI and the rotation Lambda share
 * ({@link io.quantsinfra.core.secret.SecretRotation}), and judging the rollout a rotation started, reverting it when
 * ECS rolled it back ({@link io.quantsinfra.core.secret.RolloutReverts}); which secrets the alerting routing config
 * may read ({@link io.quantsinfra.core.secret.AlertingSecrets}).
 */
package io.quantsinfra.core.secret;
