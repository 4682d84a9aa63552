/** Secret references in service config and the port that resolves them to ECS {@code valueFrom}s. */
package io.quantsinfra.core.secret;
