/**
 * Deploying and operating instances: the platform-neutral {@link io.quantsinfra.core.deploy.TaskSpec},
 * instance ids, the deploy planner and the lifecycle service that drives the
 * {@link io.quantsinfra.core.deploy.ContainerPlatform} port.
 */
package io.quantsinfra.core.deploy;
