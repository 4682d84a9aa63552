package io.quantsinfra.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.Overrides;
import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.deploy.TaskSpec.ContainerSpec;
import io.quantsinfra.core.deploy.TaskSpec.DependsOn;
import io.quantsinfra.core.deploy.TaskSpec.MountSpec;
import io.quantsinfra.core.deploy.TaskSpec.SecretEnv;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.health.HealthEndpoint.Reading;
import io.quantsinfra.core.secret.SecretRef;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MonitorServiceTest {
    private static final MonitorService MONITOR = new MonitorService();
    private static final InstanceId MONITOR_1 = InstanceId.parse("monitor-1");
    private static final PlatformContext PLATFORM = new PlatformContext("/quants-infra", null, null, "qi-monitor-config", "eu-west-1");
    private static final String ARN = FakeSecretResolver.ARN_PREFIX;

    private static Map<String, ContainerSpec> containers(TaskSpec spec) {
        return spec.containers().stream().collect(Collectors.toMap(ContainerSpec::name, Function.identity()));
    }

    @Test
    void validate_fillsDefaults_forAnEmptyConfig() {
        assertEquals(Map.of("prometheus_version", "v2.48.0", "grafana_version", "10.2.3", "alertmanager_version", "v0.26.0",
                "retention", "15d"), MONITOR.validate(Map.of()).values());
        assertEquals(MONITOR.validate(Map.of()), MONITOR.validate(null));
    }

    @Test
    void taskSpec_runsConfigSyncPrometheusGrafanaAndAlertmanager() {
        TaskSpec spec = MONITOR.taskSpec(MONITOR_1, MONITOR.validate(Map.of()), Overrides.NONE, PLATFORM, new FakeSecretResolver());
        assertEquals(List.of("config-sync", "prometheus", "grafana", "alertmanager"),
                spec.containers().stream().map(ContainerSpec::name).toList());
        assertEquals(1024, spec.cpu());
        assertEquals(2048, spec.memory());
        assertEquals(List.of(new TaskSpec.VolumeSpec("prometheus-config", null, null, null)), spec.volumes());
        int reserved = spec.containers().stream().mapToInt(ContainerSpec::memoryReservation).sum();
        assertTrue(spec.containers().stream().allMatch(c -> c.memoryReservation() > 0));
        assertTrue(reserved <= spec.memory(), "reservations fit the task: " + reserved);
        assertEquals("/quants-infra/monitor", spec.logGroup());
        assertEquals("monitor-1", spec.family());
    }

    @Test
    void taskSpec_configSyncCopiesTheBucketPrefixEvery30Seconds() {
        ContainerSpec sync = containers(MONITOR.taskSpec(MONITOR_1, MONITOR.validate(Map.of()), Overrides.NONE, PLATFORM,
                new FakeSecretResolver())).get("config-sync");
        assertFalse(sync.essential());
        assertEquals("public.ecr.aws/aws-cli/aws-cli:2.15.0", sync.image());
        assertEquals(Map.of("MONITOR_CONFIG_URI", "s3://qi-monitor-config/monitor/", "AWS_DEFAULT_REGION", "eu-west-1"),
                sync.environment());
        String script = sync.command().getFirst();
        assertEquals(List.of("sh", "-c"), sync.entryPoint());
        assertTrue(script.contains("aws s3 sync \"$MONITOR_CONFIG_URI\" /etc/prometheus/ --delete"), script);
        assertTrue(script.contains("sleep 30"), script);
        assertTrue(script.contains("http://localhost:9090/-/reload"), script);
        assertEquals(List.of(new MountSpec("prometheus-config", "/etc/prometheus", false)), sync.mounts());
        assertEquals(List.of("CMD-SHELL", "test -f /etc/prometheus/prometheus.yml"), sync.healthCheck().command());
    }

    @Test
    void taskSpec_prometheusReadsTheSyncedConfigAfterTheFirstSync() {
        ContainerSpec p = containers(MONITOR.taskSpec(MONITOR_1, MONITOR.validate(Map.of("retention", "30d")), Overrides.NONE,
                PLATFORM, new FakeSecretResolver())).get("prometheus");
        assertEquals("prom/prometheus:v2.48.0", p.image());
        assertTrue(p.command().contains("--config.file=/etc/prometheus/prometheus.yml"));
        assertTrue(p.command().contains("--storage.tsdb.retention.time=30d"));
        assertTrue(p.command().contains("--web.enable-lifecycle"));
        assertEquals(List.of(new MountSpec("prometheus-config", "/etc/prometheus", true)), p.mounts());
        assertEquals(List.of(new DependsOn("config-sync", "HEALTHY")), p.dependsOn());
        assertEquals(List.of(9090), p.ports());
        assertEquals(1024, p.memoryReservation());
    }

    @Test
    void taskSpec_generatesGrafanaAdminPassword_whenNoneIsGiven() {
        FakeSecretResolver secrets = new FakeSecretResolver();
        ContainerSpec g = containers(MONITOR.taskSpec(MONITOR_1, MONITOR.validate(Map.of()), Overrides.NONE, PLATFORM, secrets))
                .get("grafana");
        assertEquals(List.of(new SecretEnv("GF_SECURITY_ADMIN_PASSWORD", ARN + "monitor/grafana-admin-password")), g.secrets());
        assertEquals(List.of("monitor/grafana-admin-password"), secrets.generatedNames());
        assertEquals("grafana/grafana:10.2.3", g.image());
        assertEquals(List.of(3000), g.ports());
        assertEquals(List.of(), g.command()); // the image's own entry point; provisioning comes from the synced volume
    }

    @Test
    void taskSpec_wiresConfiguredSecretsToGrafanaAndAlertmanager() {
        FakeSecretResolver secrets = new FakeSecretResolver()
                .put("monitor/grafana", "admin_password", "GrafanaPASSWORD0123")
                .put("monitor/telegram-bot", null, "123456789:AAHbotTOKEN0123456789");
        ServiceConfig c = MONITOR.validate(Documents.resource("catalog/monitor/telegram.yaml"));
        TaskSpec spec = MONITOR.taskSpec(MONITOR_1, c, Overrides.NONE, PLATFORM, secrets);
        Map<String, ContainerSpec> byName = containers(spec);
        assertEquals(List.of(new SecretEnv("GF_SECURITY_ADMIN_PASSWORD", ARN + "monitor/grafana:admin_password::")),
                byName.get("grafana").secrets());
        ContainerSpec am = byName.get("alertmanager");
        assertEquals(List.of(new SecretEnv("TELEGRAM_BOT_TOKEN", ARN + "monitor/telegram-bot")), am.secrets());
        assertTrue(am.environment().get("ALERTMANAGER_CONFIG_YML").contains("chat_id: -1001234567890"));
        assertTrue(am.command().getFirst().contains("exec /bin/alertmanager --config.file=/tmp/alertmanager/alertmanager.yml"));
        assertTrue(secrets.generatedNames().isEmpty());
        for (String value : secrets.values()) {
            assertFalse(spec.toString().contains(value), "secret value in the task spec");
        }
        assertEquals(List.of(
                new SecretBinding("grafana_admin_password", "grafana", "GF_SECURITY_ADMIN_PASSWORD", new SecretRef("monitor/grafana", "admin_password")),
                new SecretBinding("telegram_bot_token", "alertmanager", "TELEGRAM_BOT_TOKEN", new SecretRef("monitor/telegram-bot", null))),
                MONITOR.secretBindings(c));
    }

    @Test
    void healthEndpoints_checkAllThreeComponents() {
        assertEquals(List.of(
                new HealthEndpoint("prometheus", 9090, "/-/healthy", Reading.HTTP_OK),
                new HealthEndpoint("grafana", 3000, "/api/health", Reading.HTTP_OK),
                new HealthEndpoint("alertmanager", 9093, "/-/healthy", Reading.HTTP_OK)),
                MONITOR.healthEndpoints(MONITOR.validate(Map.of()), Overrides.NONE));
    }

    @Test
    void taskSpec_refusesImageAndPortOverrides_butTakesASize() {
        ServiceConfig c = MONITOR.validate(Map.of());
        InvalidInputException image = assertThrows(InvalidInputException.class, () -> MONITOR.validateOverrides(
                new Overrides("prom/prometheus:v2.50.0", null, null, null)));
        assertEquals("overrides.image", image.field());
        InvalidInputException port = assertThrows(InvalidInputException.class, () -> MONITOR.validateOverrides(
                new Overrides(null, null, null, 9091)));
        assertEquals("overrides.port", port.field());
        TaskSpec small = MONITOR.taskSpec(MONITOR_1, c, new Overrides(null, 512, 1024, null), PLATFORM, new FakeSecretResolver());
        assertEquals(1024, small.memory());
        assertEquals(List.of(64, 512, 256, 128), small.containers().stream().map(ContainerSpec::memoryReservation).toList());
    }

    @Test
    void taskSpec_needsTheMonitorConfigBucket() {
        PlatformContext noBucket = new PlatformContext("/quants-infra", null, null, null, "eu-west-1");
        assertThrows(IllegalStateException.class, () -> MONITOR.taskSpec(MONITOR_1, MONITOR.validate(Map.of()),
                Overrides.NONE, noBucket, new FakeSecretResolver()));
    }
}
