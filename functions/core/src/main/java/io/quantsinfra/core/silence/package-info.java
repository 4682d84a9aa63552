/**
 * Silences: matchers over alert labels for a time, with who and why ({@link io.quantsinfra.core.silence.SilenceService}),
 * stored with conditional writes ({@link io.quantsinfra.core.silence.SilenceStore}); a notice when one expires
 * while an alert it muted still fires.
 */
package io.quantsinfra.core.silence;
