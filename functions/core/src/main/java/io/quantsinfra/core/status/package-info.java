/**
 * Instance status on request: the platform's view of each instance joined with its health verdict
 * ({@link io.quantsinfra.core.status.StatusService}), the port that gathers the facts health is judged on
 * ({@link io.quantsinfra.core.status.HealthFactsSource}, ECS in {@code io.quantsinfra.aws.ecs}) and the
 * credentials the probe sends ({@link io.quantsinfra.core.status.ProbeCredentials}). The rules themselves are in
 * {@code core.health}, whose package-info maps all of health: {@code probe} (scheduled), {@code servicemetrics},
 * {@code selfcheck}.
 */
package io.quantsinfra.core.status;
