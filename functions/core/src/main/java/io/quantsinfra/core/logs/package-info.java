/** Instance logs: the log source port, query validation, and merging of task streams by time. */
package io.quantsinfra.core.logs;
