package io.quantsinfra.core.job;

import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.secret.SecretResolver;
import java.time.Clock;
import java.util.Map;

/** Validates definition documents, applies presets and registers the task definition. */
final class Definitions {
    private Definitions() {}

    static JobDefinition define(Map<String, Object> document, JobStore store, JobRunner runner, SecretResolver secrets,
                                PlatformContext platform, JobSettings settings, Clock clock) {
        throw new UnsupportedOperationException("in progress");
    }
}
