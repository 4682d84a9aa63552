package io.quantsinfra.core.secret;

import io.quantsinfra.core.bot.BotStop;
import io.quantsinfra.core.deploy.ContainerPlatform;
import io.quantsinfra.core.deploy.InstanceState;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.history.DeploymentRecord;
import io.quantsinfra.core.history.StateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The instances that read a secret (their task definition references its ARN) and the restart that makes them read
 * its current value: ECS resolves secrets only when a task starts.
 */
final class SecretConsumers {
    private final ContainerPlatform platform;
    private final StateStore history;
    private final ConsumerRestarts restarts;
    private final Clock clock;

    SecretConsumers(ContainerPlatform platform, StateStore history, ConsumerRestarts restarts, Clock clock) {
        this.platform = platform;
        this.history = history;
        this.restarts = restarts;
        this.clock = clock;
    }

    /** Every active instance whose task definition references the secret with ARN {@code arn}. */
    List<InstanceState> of(String arn) {
        return of(arn, platform.allInstances());
    }

    static List<InstanceState> of(String arn, List<InstanceState> instances) {
        return instances.stream().filter(s -> references(s.spec(), arn)).toList();
    }

    static List<String> ids(List<InstanceState> instances) {
        return instances.stream().map(s -> s.id().toString()).toList();
    }

    /**
     * Gives every consumer of {@code arn} a new deployment, service by service (a bot is asked to stop entries
     * first), and records one history entry per service saying {@code why}. Returns the instances restarted.
     */
    List<String> restart(String arn, String why, String actor) {
        List<InstanceState> consumers = of(arn);
        Map<String, List<InstanceState>> byService = new LinkedHashMap<>();
        consumers.forEach(s -> byService.computeIfAbsent(s.id().service(), k -> new ArrayList<>()).add(s));
        byService.forEach((service, instances) -> {
            List<BotStop> stops = restarts.beforeRestart(instances);
            instances.forEach(s -> platform.update(s.id(), null, null, null, true));
            List<String> changes = new ArrayList<>(List.of(why));
            stops.forEach(b -> changes.add(b.line()));
            history.record(new DeploymentRecord(UUID.randomUUID().toString(), service, actor, clock.instant(), "restart",
                    "succeeded", ids(instances), changes, stops));
        });
        return ids(consumers);
    }

    /** Whether a task reads the secret with ARN {@code arn} (whole, or one JSON key of it). */
    static boolean references(TaskSpec spec, String arn) {
        for (TaskSpec.ContainerSpec c : spec.containers()) {
            for (TaskSpec.SecretEnv s : c.secrets()) {
                if (s.valueFrom().equals(arn) || s.valueFrom().startsWith(arn + ":")) {
                    return true;
                }
            }
        }
        return false;
    }
}
