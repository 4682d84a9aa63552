/** Bean wiring: the core's ports bound to the AWS adapters, settings from the environment. */
package io.quantsinfra.api.wiring;
