/** Instance-level endpoints: status, health, logs, start/stop/restart. */
package io.quantsinfra.api.instances;
