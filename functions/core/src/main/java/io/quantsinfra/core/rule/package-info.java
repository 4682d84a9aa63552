/**
 * Alert rule files in Prometheus's format ({@code groups[].{name, interval, rules[].{alert, expr, for,
 * keep_firing_for, labels, annotations}}}): validation of a whole file before anything is stored
 * ({@link io.quantsinfra.core.rule.RuleFiles}), the stored, versioned files ({@link io.quantsinfra.core.rule.RuleStore}
 * port) and {@link io.quantsinfra.core.rule.RuleService}. Extensions ride in annotations so files stay valid
 * Prometheus: {@code quants_infra_datapoints: "3/5"} (M of the last N minutes) and
 * {@code quants_infra_missing_data: missing|notBreaching|breaching|ignore}.
 */
package io.quantsinfra.core.rule;
