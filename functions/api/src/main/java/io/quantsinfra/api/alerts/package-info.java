/**
 * Alerting over HTTP: rule files, the routing config, evaluating now, the alert list, silences and the
 * receivers' endpoints; and {@code GET /health}, the control plane's own health. Thin: parse, call core, map back.
 */
package io.quantsinfra.api.alerts;
