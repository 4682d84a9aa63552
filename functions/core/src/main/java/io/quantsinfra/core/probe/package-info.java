/**
 * The scheduled health probe: every instance judged with the lifecycle's {@link io.quantsinfra.core.health.HealthRules},
 * the verdicts published as CloudWatch series ({@code quants_infra_instance_up} and friends) that alert rules read.
 * The facts come through {@code core.status}'s port, the services' own metrics from {@code core.servicemetrics};
 * {@code core.health}'s package-info maps all of health.
 */
package io.quantsinfra.core.probe;
