/**
 * The control plane's own health ({@code GET /health}): can it reach what it depends on, and are its schedules
 * running (age of the last alert evaluation and health probe). Not the health of an instance: that is
 * {@code core.health}, whose package-info maps it.
 */
package io.quantsinfra.core.selfcheck;
