package io.quantsinfra.aws.freqtrade;

import io.quantsinfra.aws.ecs.EcsHealthFacts;
import io.quantsinfra.aws.ecs.EcsServiceTasks;
import io.quantsinfra.core.bot.BotLocator;
import io.quantsinfra.core.deploy.InstanceId;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Where a bot answers: the private address of its service's RUNNING task, as the health probe finds it
 * ({@link EcsHealthFacts#privateIpv4}). When the control plane cannot reach tasks (probing off) there is none.
 * Local mode runs no tasks: {@code QUANTS_INFRA_BOT_API_HOST} (a loopback address, nothing else is accepted)
 * then stands for every bot's task.
 */
public final class EcsBotLocator implements BotLocator {
    /** Local mode only: the loopback address standing for every bot's task. */
    public static final String BOT_API_HOST = "QUANTS_INFRA_BOT_API_HOST";

    private final EcsClient ecs;
    private final String cluster;
    private final boolean reachable;
    private final String localHost;

    /**
     * @param reachable whether the control plane can reach tasks ({@code QUANTS_INFRA_HEALTH_PROBE})
     * @param localHost {@code QUANTS_INFRA_BOT_API_HOST}, or {@code null}
     */
    public EcsBotLocator(EcsClient ecs, String cluster, boolean reachable, String localHost) {
        if (localHost != null && !localHost.isBlank() && !isLoopback(localHost)) {
            throw new io.quantsinfra.core.error.InvalidInputException(BOT_API_HOST,
                    "must be a loopback address like 127.0.0.1 (local mode only), got '" + localHost + "'");
        }
        this.ecs = ecs;
        this.cluster = cluster;
        this.reachable = reachable;
        this.localHost = localHost == null || localHost.isBlank() ? null : localHost.strip();
    }

    @Override
    public Located locate(InstanceId instance) {
        if (localHost != null) {
            return new Located.At(localHost);
        }
        if (!reachable) {
            return new Located.Nowhere("the control plane cannot reach tasks (QUANTS_INFRA_HEALTH_PROBE=false)");
        }
        // Only the service's own tasks (by their group): the emulator's ListTasks ignores serviceName, and a job's
        // one-off task must never be taken for the bot.
        Optional<String> host = new EcsServiceTasks(ecs, cluster).of(instance.toString(), false).stream()
                .filter(t -> "RUNNING".equals(t.lastStatus()))
                .map(EcsHealthFacts::privateIpv4).flatMap(Optional::stream).findFirst();
        return host.<Located>map(Located.At::new).orElseGet(() -> new Located.Nowhere("no running task has a reachable address"));
    }

    private static boolean isLoopback(String host) {
        String h = host.strip();
        return h.equals("::1") || h.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
    }
}
