package io.quantsinfra.core.deploy;

import java.util.List;
import java.util.Map;

/**
 * A request to deploy a service: one instance per host (none = keep existing placements, or one instance
 * spread over every configured subnet), with a raw config document and per-deploy overrides.
 *
 * @param confirmLive required to switch a running Freqtrade bot from dry-run to live trading
 * @param storeSecrets store literal secret values in the secret store and deploy references to them
 * @param actor who asked, for the deployment history
 * @param safety what a redeploy may do to a live bot it replaces that cannot be reached ({@code force})
 */
public record DeployRequest(
        String service,
        List<String> hosts,
        Map<String, Object> config,
        Overrides overrides,
        boolean dryRun,
        boolean confirmLive,
        boolean storeSecrets,
        String actor,
        io.quantsinfra.core.bot.TradeSafety safety) {

    /** A deploy that stops no live bot it cannot reach. */
    public DeployRequest(String service, List<String> hosts, Map<String, Object> config, Overrides overrides,
                         boolean dryRun, boolean confirmLive, boolean storeSecrets, String actor) {
        this(service, hosts, config, overrides, dryRun, confirmLive, storeSecrets, actor,
                io.quantsinfra.core.bot.TradeSafety.CAREFUL);
    }

    public DeployRequest {
        safety = safety == null ? io.quantsinfra.core.bot.TradeSafety.CAREFUL : safety;
        // Kept as given (nulls too): the lifecycle refuses a bad host with its index, as a 400.
        hosts = hosts == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(hosts));
        config = config == null ? Map.of() : config;
        overrides = overrides == null ? Overrides.NONE : overrides;
        actor = actor == null || actor.isBlank() ? "unknown" : actor;
    }

    /** Without the config: with {@code storeSecrets} it may hold literal secrets. */
    @Override
    public String toString() {
        return "DeployRequest[service=" + service + ", hosts=" + hosts + ", config=<not shown>, overrides=" + overrides
                + ", dryRun=" + dryRun + ", confirmLive=" + confirmLive + ", storeSecrets=" + storeSecrets + ", actor=" + actor + ", safety=" + safety + "]";
    }
}
