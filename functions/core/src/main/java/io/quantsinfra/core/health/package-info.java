/**
 * Instance health: facts from ECS and an HTTP probe, judged by a pure function into
 * healthy / degraded / unhealthy / unknown with metrics and a message.
 */
package io.quantsinfra.core.health;
