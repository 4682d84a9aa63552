package io.quantsinfra.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.error.QuantsInfraException;
import io.quantsinfra.core.telemetry.TelemetryEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every deploy reports one event with its result, whatever the way it ends. */
class DeployTelemetryTest {
    private final InMemoryPlatform platform = new InMemoryPlatform();
    private final InMemoryState state = new InMemoryState();
    private final List<TelemetryEvent> events = new ArrayList<>();
    private final LifecycleService lifecycle = new LifecycleService(ServiceCatalog.standard(), platform,
            new ConfiguredNetwork(Map.of("subnet-a", "us-east-1a", "subnet-b", "us-east-1b")), state, state, state,
            new PlatformContext("/quants-infra", null, null, "bucket", "us-east-1"),
            Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC), 4, List.of(), state, events::add);

    private DeployResult deploy(Map<String, Object> config, boolean dryRun, String... hosts) {
        return lifecycle.deploy(new DeployRequest("data-collector", Arrays.asList(hosts), config, Overrides.NONE, dryRun,
                false, false, "tester"));
    }

    private static Map<String, Object> collector(int interval) {
        return Map.of("pairs", List.of("BTC-USDT"), "interval", interval);
    }

    private List<String> results() {
        return events.stream().map(e -> ((TelemetryEvent.Deploy) e).result()).toList();
    }

    @Test
    void deploy_reportsPlannedChangedAndUnchanged_oneEventEach() {
        deploy(collector(5), true, "us-east-1a");
        deploy(collector(5), false, "us-east-1a");
        deploy(collector(5), false, "us-east-1a");

        assertEquals(List.of("planned", "changed", "unchanged"), results());
        assertTrue(events.stream().allMatch(e -> !((TelemetryEvent.Deploy) e).took().isNegative()));
    }

    @Test
    void deploy_reportsRejected_whenNothingWasAttempted() {
        assertThrows(QuantsInfraException.class, () -> deploy(Map.of("pairs", "not a list"), false, "us-east-1a"));
        assertThrows(QuantsInfraException.class, () -> deploy(collector(5), false, "eu-west-9z"));
        state.leases.put("service/data-collector", "someone else");
        assertThrows(QuantsInfraException.class, () -> deploy(collector(5), false, "us-east-1a"));

        assertEquals(List.of("rejected", "rejected", "rejected"), results());
    }

    @Test
    void deploy_reportsFailed_whenAnInstanceCouldNotBeChanged() {
        platform.failing.add("data-collector-2");

        assertThrows(QuantsInfraException.class, () -> deploy(collector(5), false, "us-east-1a", "us-east-1b"));

        assertEquals(List.of("failed"), results());
    }
}
