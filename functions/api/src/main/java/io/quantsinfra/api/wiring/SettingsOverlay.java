package io.quantsinfra.api.wiring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Values that take precedence over the process environment, and interceptors for every AWS client.
 * On Lambda there is none; local mode and tests register one as a singleton when they build the
 * application context (a JVM cannot change its own environment).
 *
 * {@snippet :
 * ApplicationContext ctx = ApplicationContext.builder()
 *         .singletons(new SettingsOverlay(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), List.of()))
 *         .start();
 * }
 */
public record SettingsOverlay(Map<String, String> values, List<ExecutionInterceptor> interceptors) {
    public static final SettingsOverlay NONE = new SettingsOverlay(Map.of(), List.of());

    public SettingsOverlay {
        values = Map.copyOf(values);
        interceptors = List.copyOf(interceptors);
    }

    /** The environment with these values applied. */
    Map<String, String> apply(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(values);
        return env;
    }
}
