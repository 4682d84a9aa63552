/** The Secrets Manager rotation Lambda for generated secrets: the event's four steps, handed to core's rotation. */
package io.quantsinfra.api.rotation;
