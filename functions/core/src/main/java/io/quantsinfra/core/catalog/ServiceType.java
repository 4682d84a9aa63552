package io.quantsinfra.core.catalog;

import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.Overrides;
import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.secret.SecretResolver;
import java.util.List;
import java.util.Map;

/**
 * One kind of service in the catalogue: its defaults, the schema of its config, how a validated
 * config becomes a task, and which endpoints tell its health.
 */
public sealed interface ServiceType permits FreqtradeService, DataCollectorService, MonitorService {

    /** Catalogue name, e.g. {@code data-collector}. */
    String name();

    /** Image used when the deploy does not override it. */
    String defaultImage();

    /** The service's main port. */
    int defaultPort();

    /**
     * Validates a raw config document (JSON/YAML parsed to maps, lists, strings, numbers, booleans) and
     * fills defaults. Unknown keys, wrong types, out-of-range values, missing required keys and literal
     * secrets are refused with an {@link io.quantsinfra.core.error.InvalidInputException} naming the field path.
     */
    ServiceConfig validate(Map<String, Object> raw);

    /**
     * The raw config with the deploy's options applied, and warnings about it (unknown keys passed through,
     * values quants-infra overrides). {@code strategy} is Freqtrade's {@code --strategy}; other services take
     * none and refuse one. Validation is left to {@link #validate}, so every problem is reported at once there.
     */
    default PreparedConfig prepare(Map<String, Object> raw, String strategy) {
        if (strategy != null) {
            throw new io.quantsinfra.core.error.InvalidInputException("strategy", "only freqtrade takes a strategy; "
                    + name() + " has none (drop --strategy)");
        }
        return new PreparedConfig(raw, List.of());
    }

    /** The task for one instance. Secret references are turned into {@code valueFrom}s by {@code secrets}. */
    TaskSpec taskSpec(InstanceId instance, ServiceConfig config, Overrides overrides, PlatformContext platform,
                      SecretResolver secrets);

    /** Endpoints the health probe calls for an instance of this service. */
    List<HealthEndpoint> healthEndpoints(ServiceConfig config, Overrides overrides);

    /** Task cpu and memory when the deploy does not override them. */
    TaskSize defaultSize();

    /**
     * Checks a deploy's overrides without building a task: image reference form, port range, Fargate
     * cpu/memory combination. Refusals name {@code overrides.image}, {@code overrides.port},
     * {@code overrides.cpu} or {@code overrides.memory}. {@link #taskSpec} runs the same checks.
     */
    void validateOverrides(Overrides overrides);

    /**
     * The secret references in {@code config} and the container environment variable each one fills, in
     * document order. Secrets quants-infra generates itself (passwords nobody supplied) are not listed.
     */
    List<SecretBinding> secretBindings(ServiceConfig config);

    /**
     * Whether an instance with this config trades real money. Only Freqtrade with {@code dry_run: false}
     * does; a deploy that turns a running dry-run bot live should need an explicit confirmation.
     */
    default boolean isLive(ServiceConfig config) {
        return false;
    }
}
