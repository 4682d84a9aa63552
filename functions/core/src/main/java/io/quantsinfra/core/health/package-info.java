/**
 * Instance health: facts from ECS and an HTTP probe, judged by a pure function into
 * healthy / degraded / unhealthy / unknown with metrics and a message.
 *
 * <p>What this package owns:
 * <ul>
 *   <li>the facts, as immutable records: {@link io.quantsinfra.core.health.ServiceFacts},
 *       {@link io.quantsinfra.core.health.TaskFacts}, {@link io.quantsinfra.core.health.ProbeResult},
 *       bundled in {@link io.quantsinfra.core.health.HealthFacts};</li>
 *   <li>the rules, {@link io.quantsinfra.core.health.HealthRules#evaluate}, a pure function of the
 *       facts and {@code now} into a {@link io.quantsinfra.core.health.HealthReport};</li>
 *   <li>the probe port {@link io.quantsinfra.core.health.HealthProbe} and its
 *       {@code java.net.http} implementation {@link io.quantsinfra.core.health.HttpHealthProbe}.</li>
 * </ul>
 * Mapping from the ECS API lives in the AWS module ({@code io.quantsinfra.aws.ecs.EcsHealthFacts}),
 * so nothing here imports an AWS type. The rules never invent health: when nothing could be
 * probed (local mode, where the emulator runs no containers) the status is {@code unknown}.
 */
package io.quantsinfra.core.health;
