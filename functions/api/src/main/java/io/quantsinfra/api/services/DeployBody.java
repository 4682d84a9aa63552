package io.quantsinfra.api.services;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
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
public record DeployBody(@Nullable List<String> hosts,
                         @Nullable @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                                 description = "the service's config document (docs/services.md)") Map<String, Object> config,
                         @Nullable OverridesBody overrides, @Nullable Boolean dryRun, @Nullable Boolean confirmLive,
                         @Nullable Boolean storeSecrets, @Nullable String strategy, @Nullable Boolean force) {
    @Override
    public String toString() {
        return "DeployBody[hosts=" + hosts + ", config=<not shown>, overrides=" + overrides + ", strategy=" + strategy + "]";
    }


    /** Per-deploy overrides of the catalogue's defaults. */
    @Serdeable
    public record OverridesBody(@Nullable String image, @Nullable Integer cpu, @Nullable Integer memory,
                                @Nullable @Schema(minimum = "1", maximum = "65535") Integer port) {}
}
