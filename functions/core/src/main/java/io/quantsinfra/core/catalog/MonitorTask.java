package io.quantsinfra.core.catalog;

import static io.quantsinfra.core.catalog.MonitorService.ALERTMANAGER;
import static io.quantsinfra.core.catalog.MonitorService.ALERTMANAGER_PORT;
import static io.quantsinfra.core.catalog.MonitorService.GRAFANA;
import static io.quantsinfra.core.catalog.MonitorService.GRAFANA_PORT;
import static io.quantsinfra.core.catalog.MonitorService.PROMETHEUS;
import static io.quantsinfra.core.catalog.MonitorService.PROMETHEUS_PORT;

import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.deploy.TaskSpec.ContainerSpec;
import io.quantsinfra.core.deploy.TaskSpec.DependsOn;
import io.quantsinfra.core.deploy.TaskSpec.MountSpec;
import io.quantsinfra.core.deploy.TaskSpec.SecretEnv;
import io.quantsinfra.core.monitor.AlertmanagerConfig;
import io.quantsinfra.core.monitor.GrafanaProvisioning;
import io.quantsinfra.core.monitor.PrometheusConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitor task's four containers. Memory reservations are fixed shares of the task's memory
 * (Prometheus 1/2, Grafana 1/4, Alertmanager 1/8, config-sync 1/16) so that they always fit.
 */
final class MonitorTask {
    static final String CONFIG_SYNC = "config-sync";
    static final String CONFIG_VOLUME = "prometheus-config";
    /** Pinned so that an unchanged monitor deploys as unchanged. */
    static final String CONFIG_SYNC_IMAGE = "public.ecr.aws/aws-cli/aws-cli:2.15.0";
    static final String CONFIG_URI_ENV = "MONITOR_CONFIG_URI";

    private static final String DIR = PrometheusConfig.DEFAULT_DIR;
    private static final String MAIN = DIR + "/" + PrometheusConfig.MAIN_FILE;

    // The first sync happens before the health check passes (Prometheus waits for it); afterwards a changed
    // prometheus.yml or rule file triggers /-/reload. File-SD target files need no reload.
    private static final String SYNC_SCRIPT = "last=''; while true; do "
            + "if aws s3 sync \"$" + CONFIG_URI_ENV + "\" " + DIR + "/ --delete --only-show-errors; then "
            + "now=$(cat " + MAIN + " " + DIR + "/rules/*.yml 2>/dev/null | cksum); "
            + "if [ -n \"$last\" ] && [ \"$now\" != \"$last\" ]; then "
            + "curl -fsS -X POST http://localhost:" + PROMETHEUS_PORT + "/-/reload || echo 'config-sync: reload failed' >&2; fi; "
            + "last=\"$now\"; "
            + "else echo 'config-sync: sync failed' >&2; fi; "
            + "sleep 30; done";

    private static final String ALERTMANAGER_SCRIPT = "mkdir -p " + AlertmanagerConfig.DIR
            + " && printf '%s' \"$ALERTMANAGER_CONFIG_YML\" > " + AlertmanagerConfig.DIR + "/alertmanager.yml"
            + " && (umask 077 && printf '%s' \"${TELEGRAM_BOT_TOKEN:-}\" > " + AlertmanagerConfig.TOKEN_FILE + ")"
            + " && exec /bin/alertmanager --config.file=" + AlertmanagerConfig.DIR + "/alertmanager.yml"
            + " --storage.path=/alertmanager --web.listen-address=:" + ALERTMANAGER_PORT;

    private MonitorTask() {}

    static List<ContainerSpec> containers(Map<String, Object> v, TaskSize size, PlatformContext platform,
                                          SecretEnv adminPassword, List<SecretEnv> botToken, String chatId) {
        int mem = size.memory();
        return List.of(
                configSync(platform, mem / 16),
                prometheus((String) v.get("prometheus_version"), (String) v.get("retention"), mem / 2),
                grafana((String) v.get("grafana_version"), adminPassword, platform.region(), mem / 4),
                alertmanager((String) v.get("alertmanager_version"), botToken, chatId, mem / 8));
    }

    private static ContainerSpec configSync(PlatformContext platform, int memory) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(CONFIG_URI_ENV, "s3://" + platform.monitorConfigBucket() + "/monitor/");
        if (platform.region() != null) {
            env.put("AWS_DEFAULT_REGION", platform.region());
        }
        return new ContainerSpec(CONFIG_SYNC, CONFIG_SYNC_IMAGE, false, List.of(), env, List.of(),
                List.of(SYNC_SCRIPT),
                new TaskSpec.HealthCheckSpec(List.of("CMD-SHELL", "test -f " + MAIN), 10, 5, 3, 10),
                memory, List.of(new MountSpec(CONFIG_VOLUME, DIR, false)), List.of(), Tasks.SHELL);
    }

    private static ContainerSpec prometheus(String version, String retention, int memory) {
        List<String> args = List.of(
                "--config.file=" + MAIN,
                "--storage.tsdb.path=/prometheus",
                "--storage.tsdb.retention.time=" + retention,
                "--web.console.libraries=/usr/share/prometheus/console_libraries",
                "--web.console.templates=/usr/share/prometheus/consoles",
                "--web.enable-lifecycle");
        return new ContainerSpec(PROMETHEUS, "prom/prometheus:" + version, true, List.of(PROMETHEUS_PORT), Map.of(),
                List.of(), args, Tasks.wget(PROMETHEUS_PORT, "/-/healthy", 30), memory,
                List.of(new MountSpec(CONFIG_VOLUME, DIR, true)),
                // HEALTHY, not START: Prometheus exits when prometheus.yml is missing, so it waits for the first sync.
                List.of(new DependsOn(CONFIG_SYNC, "HEALTHY")));
    }

    // Provisioned only: data sources and dashboards come from the synced volume on every start, the admin password
    // from its secret, so a replaced task loses nothing but edits made in the UI (which provisioning forbids anyway).
    private static ContainerSpec grafana(String version, SecretEnv adminPassword, String region, int memory) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GF_SECURITY_ADMIN_USER", "admin");
        env.put("GF_USERS_ALLOW_SIGN_UP", "false");
        env.put("GF_AUTH_ANONYMOUS_ENABLED", "false");
        env.put("GF_ANALYTICS_REPORTING_ENABLED", "false");
        env.put("GF_SERVER_HTTP_PORT", Integer.toString(GRAFANA_PORT));
        env.put("GF_PATHS_PROVISIONING", GrafanaProvisioning.PROVISIONING_PATH);
        // The AMP data source (rendered when the platform names a workspace) signs its queries with SigV4.
        env.put("GF_AUTH_SIGV4_AUTH_ENABLED", "true");
        if (region != null) {
            env.put("AWS_REGION", region); // the CloudWatch data source's defaultRegion
        }
        return new ContainerSpec(GRAFANA, "grafana/grafana:" + version, true, List.of(GRAFANA_PORT), env,
                List.of(adminPassword), List.of(), Tasks.wget(GRAFANA_PORT, "/api/health", 60), memory,
                List.of(new MountSpec(CONFIG_VOLUME, DIR, true)),
                // HEALTHY: the provisioning files must be there when Grafana reads them at start.
                List.of(new DependsOn(CONFIG_SYNC, "HEALTHY")));
    }

    private static ContainerSpec alertmanager(String version, List<SecretEnv> botToken, String chatId, int memory) {
        return new ContainerSpec(ALERTMANAGER, "prom/alertmanager:" + version, true, List.of(ALERTMANAGER_PORT),
                Map.of("ALERTMANAGER_CONFIG_YML", AlertmanagerConfig.render(chatId)), botToken,
                List.of(ALERTMANAGER_SCRIPT), Tasks.wget(ALERTMANAGER_PORT, "/-/healthy", 30), memory,
                List.of(), List.of(), Tasks.SHELL);
    }
}
