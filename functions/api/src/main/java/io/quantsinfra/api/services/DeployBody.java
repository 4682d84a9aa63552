package io.quantsinfra.api.services;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /v1/services/{service}/deploy}.
 *
 * @param hosts one instance per host (AZ name or subnet id); empty keeps placements or spreads one instance
 * @param config the service's config document
 * @param overrides image, cpu, memory, port
 * @param dryRun plan only
 * @param confirmLive allow a running Freqtrade bot to switch from dry-run to live
 * @param storeSecrets store literal secrets from the config in Secrets Manager and deploy references
 * @param strategy Freqtrade only, like its {@code --strategy}: used when the config names none; when both are
 *                 given and differ, this one is used and the response warns
 * @param force replace a live bot's task even when its API cannot be reached to stop new entries first
 */
@Serdeable
public record DeployBody(List<String> hosts, Map<String, Object> config, OverridesBody overrides, Boolean dryRun,
                         Boolean confirmLive, Boolean storeSecrets, String strategy, Boolean force) {
    @Override
    public String toString() {
        return "DeployBody[hosts=" + hosts + ", config=<not shown>, overrides=" + overrides + ", strategy=" + strategy + "]";
    }


    /** Per-deploy overrides of the catalogue's defaults. */
    @Serdeable
    public record OverridesBody(String image, Integer cpu, Integer memory, Integer port) {}
}
