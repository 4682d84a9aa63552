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
 *
 * <p>Where the rest of health lives (each package points back here):
 * <ul>
 *   <li>{@code core.status}: one instance's status on request ({@code GET /v1/.../status}, {@code quants-infra
 *       status}): the lifecycle state joined with this package's verdict, and the
 *       {@link io.quantsinfra.core.status.HealthFactsSource} port that gathers the facts;</li>
 *   <li>{@code core.probe}: the scheduled probe, every instance judged with the same rules and the verdicts
 *       published as CloudWatch series for alert rules;</li>
 *   <li>{@code core.servicemetrics}: the services' own metrics (collector exposition, Freqtrade's REST API),
 *       scraped during the probe;</li>
 *   <li>{@code core.selfcheck}: the control plane's own health ({@code GET /health}), not an instance's.</li>
 * </ul>
 */
package io.quantsinfra.core.health;
