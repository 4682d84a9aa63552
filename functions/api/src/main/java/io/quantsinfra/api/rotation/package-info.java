/** The Secrets Manager rotation Lambda for generated secrets. */
package io.quantsinfra.api.rotation;
