/** Instance status: lifecycle state joined with health, and the port that gathers health facts. */
package io.quantsinfra.core.status;
