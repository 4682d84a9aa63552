package io.quantsinfra.testing.emulator;

import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one AWS emulator per test JVM, started on first use on a free loopback port,
 * reset before each test class, stopped when the JVM's tests end. It fails (never skips) when the
 * emulator cannot start.
 *
 * <p>Backend: moto server (the default). Opt-ins: {@code QUANTS_INFRA_EMULATOR=localstack} (Testcontainers,
 * needs Docker and {@code LOCALSTACK_AUTH_TOKEN}), {@code floci} (Testcontainers, needs Docker), or
 * {@code external} with {@code QUANTS_INFRA_EMULATOR_ENDPOINT=http://host:port} for one started elsewhere.
 * A selected backend that cannot start fails the tests; nothing is ever skipped.
 *
 * <p>moto runs with {@code MOTO_ECS_SERVICE_RUNNING=1}, so an ECS service with desiredCount 1 reports
 * one running task and a completed rollout, as a stable service would.
 */
public final class AwsEmulatorExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(AwsEmulatorExtension.class);
    private static final String KEY = "emulator";

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> type = p.getParameter().getType();
        return type == AwsEmulator.class || type == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return emulator(e);
    }

    /** The JVM-wide emulator, started on first use. */
    public static AwsEmulator emulator(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NS);
        return store.getOrComputeIfAbsent(KEY, k -> new Holder(startBackend()), Holder.class).emulator;
    }

    private static AwsEmulator startBackend() {
        String backend = System.getenv().getOrDefault("QUANTS_INFRA_EMULATOR", "moto");
        return switch (backend) {
            case "moto" -> MotoServer.start(0, Map.of("MOTO_ECS_SERVICE_RUNNING", "1"), null);
            case "external" -> ExternalEmulator.fromEnvironment();
            case "localstack", "floci" -> ContainerEmulator.start(backend);
            default -> throw new IllegalStateException(
                    "QUANTS_INFRA_EMULATOR must be moto, localstack, floci or external, got '" + backend + "'");
        };
    }

    /** Closes the emulator when the root store is closed at the end of the test run. */
    private record Holder(AwsEmulator emulator) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            if (emulator instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // best effort at JVM end
                }
            }
        }
    }
}
