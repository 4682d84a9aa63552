/**
 * Scheduled evaluation of alert rules: the alert state machine per rule and label set (inactive → pending
 * ({@code for}) → firing → resolved, {@code keep_firing_for}), M-of-N and missing-data handling
 * ({@link io.quantsinfra.core.evaluation.RuleEvaluator}), persisted states ({@link io.quantsinfra.core.evaluation.AlertStore},
 * conditional writes), the lease that keeps overlapping runs from evaluating twice
 * ({@link io.quantsinfra.core.evaluation.Lease}) and one cycle end to end
 * ({@link io.quantsinfra.core.evaluation.AlertEvaluator}). Time is always passed in.
 */
package io.quantsinfra.core.evaluation;
