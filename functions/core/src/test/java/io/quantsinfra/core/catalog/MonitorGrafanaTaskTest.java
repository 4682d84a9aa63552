package io.quantsinfra.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.Overrides;
import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.deploy.TaskSpec.ContainerSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grafana in the monitor task is provisioned from the synced volume, so a replaced task comes back the same. */
class MonitorGrafanaTaskTest {
    private static final MonitorService MONITOR = new MonitorService();
    private static final PlatformContext PLATFORM = new PlatformContext("/quants-infra", null, null, "qi-monitor-config", "eu-west-1");

    private static ContainerSpec grafana() {
        TaskSpec spec = MONITOR.taskSpec(InstanceId.parse("monitor-1"), MONITOR.validate(Map.of()), Overrides.NONE, PLATFORM,
                new FakeSecretResolver());
        return spec.containers().stream().filter(c -> c.name().equals("grafana")).findFirst().orElseThrow();
    }

    @Test
    void grafana_readsItsProvisioningFromTheSyncedConfigVolumeReadOnly() {
        ContainerSpec g = grafana();
        assertEquals(List.of(new TaskSpec.MountSpec("prometheus-config", "/etc/prometheus", true)), g.mounts());
        assertEquals("/etc/prometheus/grafana/provisioning", g.environment().get("GF_PATHS_PROVISIONING"));
    }

    @Test
    void grafana_startsOnceTheFirstSyncIsDone() {
        assertEquals(List.of(new TaskSpec.DependsOn("config-sync", "HEALTHY")), grafana().dependsOn());
    }

    @Test
    void grafana_getsTheRegionForItsCloudWatchDataSourceButNoCredentials() {
        ContainerSpec g = grafana();
        assertEquals("eu-west-1", g.environment().get("AWS_REGION"));
        assertTrue(g.environment().keySet().stream().noneMatch(k -> k.contains("SECRET") || k.contains("PASSWORD")), g.environment().toString());
    }
}
