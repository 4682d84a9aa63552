package io.quantsinfra.core.deploy;

/**
 * Per-deploy overrides of the catalogue's defaults; {@code null} fields keep the default.
 * Validated by the catalogue (Fargate cpu/memory combinations, port range, image reference form).
 */
public record Overrides(String image, Integer cpu, Integer memory, Integer port) {
    public static final Overrides NONE = new Overrides(null, null, null, null);
}
