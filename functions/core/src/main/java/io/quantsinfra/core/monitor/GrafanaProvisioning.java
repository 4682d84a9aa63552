package io.quantsinfra.core.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Grafana files shipped with the monitor, in Grafana's provisioning format: a dashboards provider, the
 * Prometheus and CloudWatch data sources, and three dashboards (bots, collectors, instances). They are published
 * under {@code grafana/} beside the Prometheus files; config-sync mirrors them to {@code /etc/prometheus/grafana/},
 * where {@code GF_PATHS_PROVISIONING} points. Grafana re-reads the dashboards every 30 s.
 *
 * {@snippet :
 * Map<String, String> files = GrafanaProvisioning.files(); // "grafana/dashboards/bots.json" -> JSON
 * }
 */
public final class GrafanaProvisioning {
    /** Below the config directory; Grafana's provisioning directory is {@code <config dir>/grafana/provisioning}. */
    public static final String DIR = "grafana/";
    /** Where the dashboards provider reads the dashboards (the task mounts the config volume there). */
    public static final String DASHBOARDS_PATH = PrometheusConfig.DEFAULT_DIR + "/" + DIR + "dashboards";
    /** Grafana's {@code GF_PATHS_PROVISIONING} in the monitor task. */
    public static final String PROVISIONING_PATH = PrometheusConfig.DEFAULT_DIR + "/" + DIR + "provisioning";

    /**
     * The CloudWatch metrics of namespace {@code QuantsInfra} the bots dashboard reads (dimension {@code instance}),
     * as the health probe publishes them. One list, so that publisher and dashboards can be aligned in one place.
     */
    public static final List<String> BOT_METRICS = List.of(
            "freqtrade_closed_profit_ratio",
            "freqtrade_max_drawdown_ratio",
            "freqtrade_open_trades",
            "freqtrade_trade_count",
            "freqtrade_seconds_since_last_process");

    /** Other CloudWatch metrics the dashboards read, as {@code namespace/metric}. */
    public static final List<String> OTHER_CLOUDWATCH_METRICS = List.of(
            "QuantsInfra/quants_infra_instance_restarts_1h",
            "AWS/ECS/CPUUtilization",
            "AWS/ECS/MemoryUtilization",
            "ECS/ContainerInsights/RunningTaskCount");

    /** The series the collectors dashboard reads from Prometheus (scraped from the collectors' {@code /metrics}). */
    public static final List<String> COLLECTOR_SERIES = List.of(
            "collector_snapshots_written_total", "collector_errors_total", "up");

    static final List<String> RESOURCES = List.of(
            "provisioning/dashboards/quants-infra.yaml",
            "provisioning/datasources/quants-infra.yaml",
            "dashboards/bots.json",
            "dashboards/collectors.json",
            "dashboards/instances.json");

    /** The AMP data source's file, rendered when the monitor remote-writes to a workspace. */
    public static final String AMP_DATA_SOURCE = DIR + "provisioning/datasources/amp.yaml";

    private GrafanaProvisioning() {}

    /**
     * A Prometheus data source over the AMP workspace the monitor remote-writes to, signed with SigV4 by the task
     * role (which may query that workspace only): the history that outlives the task's own Prometheus.
     */
    public static String ampDataSource(RemoteWrite workspace) {
        return "# Rendered by quants-infra: the series the monitor remote-writes, kept across task replacements.\n"
                + "apiVersion: 1\n"
                + "datasources:\n"
                + "  - name: Amazon Managed Service for Prometheus\n"
                + "    uid: amp\n"
                + "    type: prometheus\n"
                + "    access: proxy\n"
                + "    url: " + Yaml.quote(workspace.queryUrl()) + "\n"
                + "    editable: false\n"
                + "    jsonData:\n"
                + "      httpMethod: POST\n"
                + "      sigV4Auth: true\n"
                + "      sigV4AuthType: default\n"
                + "      sigV4Region: " + Yaml.quote(workspace.region()) + "\n";
    }

    /** Every file, by path relative to the config directory ({@code grafana/...}). */
    public static Map<String, String> files() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String r : RESOURCES) {
            out.put(DIR + r, resource(r));
        }
        return out;
    }

    private static String resource(String name) {
        String path = "/monitor/grafana/" + name;
        try (InputStream in = GrafanaProvisioning.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the monitor's Grafana file " + path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
