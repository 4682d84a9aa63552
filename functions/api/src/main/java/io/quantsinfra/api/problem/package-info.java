/** Errors as application/problem+json: the one place exceptions become HTTP statuses and bodies. */
package io.quantsinfra.api.problem;
