package io.quantsinfra.core.history;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a service's deployment history: who did what, when, what changed, and how it ended.
 *
 * @param action deploy, scale, start, stop, restart or destroy
 * @param result succeeded, unchanged or failed
 * @param changes human-readable lines, e.g. {@code data-collector-1: environment.COLLECTOR_INTERVAL 5 → 10}
 * @param botStops for each bot whose task this stopped: its open trades, whether {@code stopentry} answered, how it ended
 */
public record DeploymentRecord(
        String id,
        String service,
        String actor,
        Instant at,
        String action,
        String result,
        List<String> instances,
        List<String> changes,
        List<io.quantsinfra.core.bot.BotStop> botStops) {
    public DeploymentRecord {
        instances = List.copyOf(instances);
        changes = List.copyOf(changes);
        botStops = botStops == null ? List.of() : List.copyOf(botStops);
    }

    /** An entry that stopped no bot. */
    public DeploymentRecord(String id, String service, String actor, Instant at, String action, String result,
                            List<String> instances, List<String> changes) {
        this(id, service, actor, at, action, result, instances, changes, List.of());
    }
}
