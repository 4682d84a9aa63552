/** ECS: instances as Fargate services, task definitions, rollouts, and health facts from ECS. */
package io.quantsinfra.aws.ecs;
