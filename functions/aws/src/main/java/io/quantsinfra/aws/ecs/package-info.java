/**
 * ECS: instances as Fargate services ({@link io.quantsinfra.aws.ecs.EcsPlatform}), task definitions to and from
 * task specs ({@link io.quantsinfra.aws.ecs.TaskDefinitionMapper}), rollouts, a service's own tasks (by task
 * group, {@link io.quantsinfra.aws.ecs.EcsServiceTasks}), their addresses, and the health facts ECS gives
 * ({@link io.quantsinfra.aws.ecs.EcsHealthSource}, the {@code core.status} port); and jobs' one-off tasks
 * ({@link io.quantsinfra.aws.ecs.EcsJobRunner}).
 */
package io.quantsinfra.aws.ecs;
