/**
 * The service catalogue: {@code freqtrade}, {@code data-collector} and {@code monitor}, each with typed,
 * validated config, defaults, the task it runs as and the endpoints that tell its health.
 */
package io.quantsinfra.core.catalog;
