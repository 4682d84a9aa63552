/**
 * The scheduled health probe: every instance judged with the lifecycle's {@link io.quantsinfra.core.health.HealthRules},
 * the verdicts published as CloudWatch series ({@code quants_infra_instance_up} and friends) that alert rules read.
 */
package io.quantsinfra.core.probe;
