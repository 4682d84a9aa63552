package io.quantsinfra.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.Overrides;
import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.deploy.TaskSpec.ContainerSpec;
import io.quantsinfra.core.deploy.TaskSpec.MountSpec;
import io.quantsinfra.core.deploy.TaskSpec.VolumeSpec;
import io.quantsinfra.core.health.HealthEndpoint;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DataCollectorServiceTest {
    private static final DataCollectorService COLLECTOR = new DataCollectorService();
    private static final InstanceId SECOND = InstanceId.parse("data-collector-2");
    private static final PlatformContext NO_EFS = new PlatformContext("/quants-infra", null, null, "cfg", "eu-west-1");

    private static ServiceConfig seedExample() {
        return COLLECTOR.validate(Documents.resource("catalog/data-collector/seed-example.yaml"));
    }

    @Test
    void validate_fillsDefaults() {
        ServiceConfig c = COLLECTOR.validate(Map.of("pairs", List.of("VIRTUAL-USDT")));
        assertEquals(Map.of("exchange", "gateio", "pairs", List.of("VIRTUAL-USDT"), "interval", 5, "output_dir", "/data",
                "metrics_port", 9090), c.values());
    }

    @Test
    void validate_dropsTrailingSlashesFromTheOutputDir() {
        ServiceConfig c = COLLECTOR.validate(Map.of("pairs", List.of("A-USDT"), "output_dir", "/data/snapshots/"));
        assertEquals("/data/snapshots", c.values().get("output_dir"));
        assertEquals(c, COLLECTOR.validate(c.values()));
    }

    @Test
    void taskSpec_passesTheConfigAsCollectorEnvironment() {
        ContainerSpec c = COLLECTOR.taskSpec(SECOND, seedExample(), Overrides.NONE, NO_EFS, new FakeSecretResolver())
                .containers().getFirst();
        assertEquals(Map.of(
                "COLLECTOR_EXCHANGE", "gateio",
                "COLLECTOR_PAIRS", "VIRTUAL-USDT,BNKR-USDT",
                "COLLECTOR_INTERVAL", "5",
                "COLLECTOR_OUTPUT_DIR", "/data/orderbook_snapshots",
                "METRICS_PORT", "9090"), c.environment());
        assertEquals("quants-lab:latest", c.image());
        assertEquals(List.of(9090), c.ports());
        assertTrue(c.secrets().isEmpty());
        assertTrue(c.command().isEmpty(), "the image's own command runs");
        assertEquals(512, c.memoryReservation());
        assertTrue(c.healthCheck().command().get(1).startsWith("curl -fsS -o /dev/null http://localhost:9090/metrics || wget"));
    }

    static Stream<Arguments> persistence() {
        return Stream.of(
                Arguments.of("EFS with an access point: a shared root, one subdirectory per instance",
                        new PlatformContext("/qi", "fs-0123", "fsap-0456", "cfg", "eu-west-1"),
                        new VolumeSpec("collector-data", "fs-0123", "fsap-0456", null), "/data/orderbook_snapshots/data-collector-2"),
                Arguments.of("EFS without an access point: the instance's own root directory",
                        new PlatformContext("/qi", "fs-0123", null, "cfg", "eu-west-1"),
                        new VolumeSpec("collector-data", "fs-0123", null, "/data-collector-2"), "/data/orderbook_snapshots"),
                Arguments.of("no EFS: task-local scratch space that does not survive a restart",
                        NO_EFS, new VolumeSpec("collector-data", null, null, null), "/data/orderbook_snapshots"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("persistence")
    void taskSpec_mountsCollectorDataAtTheOutputDir(String name, PlatformContext platform, VolumeSpec volume, String writesTo) {
        TaskSpec spec = COLLECTOR.taskSpec(SECOND, seedExample(), Overrides.NONE, platform, new FakeSecretResolver());
        assertEquals(List.of(volume), spec.volumes());
        ContainerSpec c = spec.containers().getFirst();
        assertEquals(List.of(new MountSpec("collector-data", "/data/orderbook_snapshots", false)), c.mounts());
        assertEquals(writesTo, c.environment().get("COLLECTOR_OUTPUT_DIR"));
    }

    @Test
    void taskSpec_hasTheCatalogueShape() {
        TaskSpec spec = COLLECTOR.taskSpec(SECOND, seedExample(), Overrides.NONE, NO_EFS, new FakeSecretResolver());
        assertEquals("data-collector-2", spec.family());
        assertEquals(256, spec.cpu());
        assertEquals(512, spec.memory());
        assertEquals("/quants-infra/data-collector", spec.logGroup());
        assertEquals("data-collector-2", spec.logStreamPrefix());
        assertEquals("data-collector", spec.tags().get("quants-infra:service"));
        assertEquals("data-collector-2", spec.tags().get("quants-infra:instance"));
        assertEquals("quants-infra", spec.tags().get("managed-by"));
        assertEquals(spec, COLLECTOR.taskSpec(SECOND, seedExample(), Overrides.NONE, NO_EFS, new FakeSecretResolver()));
    }

    @Test
    void healthEndpoints_readPrometheusMetricsOnTheMetricsPort() {
        ServiceConfig c = COLLECTOR.validate(Map.of("pairs", List.of("A-USDT"), "metrics_port", 9100));
        assertEquals(List.of(new HealthEndpoint("data-collector", 9100, "/metrics", HealthEndpoint.Reading.PROMETHEUS_METRICS)),
                COLLECTOR.healthEndpoints(c, Overrides.NONE));
        assertEquals(9200, COLLECTOR.healthEndpoints(c, new Overrides(null, null, null, 9200)).getFirst().port());
    }

    @Test
    void taskSpec_portOverrideMovesTheMetricsPort() {
        ContainerSpec c = COLLECTOR.taskSpec(SECOND, seedExample(), new Overrides(null, null, null, 9200), NO_EFS,
                new FakeSecretResolver()).containers().getFirst();
        assertEquals(List.of(9200), c.ports());
        assertEquals("9200", c.environment().get("METRICS_PORT"));
    }
}
