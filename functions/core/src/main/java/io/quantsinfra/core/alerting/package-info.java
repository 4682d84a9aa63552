/**
 * The alerting system put together from its ports ({@link io.quantsinfra.core.alerting.Alerting}): what the API,
 * the CLI's {@code alerts} commands and the scheduled handlers call. Also the read models: the alert list
 * (with silences and inhibitions applied) and the receivers' endpoints with their stats.
 */
package io.quantsinfra.core.alerting;
