/**
 * EventBridge-scheduled Lambda handlers, thin: {@link io.quantsinfra.scheduled.AlertEvaluationHandler} runs one
 * alert evaluation cycle, {@link io.quantsinfra.scheduled.HealthProbeHandler} one health probe,
 * {@link io.quantsinfra.scheduled.JobDispatchHandler} one job dispatch cycle, and
 * {@link io.quantsinfra.scheduled.JobEventsHandler} records an ECS task state change of a job task; each takes its
 * event as a map and answers with a JSON-ready report, also logged as one JSON line.
 */
package io.quantsinfra.scheduled;
