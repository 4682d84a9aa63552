/**
 * EventBridge-scheduled Lambda handlers, thin: {@link io.quantsinfra.scheduled.AlertEvaluationHandler} runs one
 * alert evaluation cycle, {@link io.quantsinfra.scheduled.HealthProbeHandler} one health probe; both take the
 * scheduled event as a map and answer with a JSON-ready report, also logged as one JSON line.
 */
package io.quantsinfra.scheduled;
