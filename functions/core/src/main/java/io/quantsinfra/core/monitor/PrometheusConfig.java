package io.quantsinfra.core.monitor;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.json.Json;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the files the monitor's Prometheus loads from its config directory: {@code prometheus.yml} and one
 * {@code targets/<job>.json} ({@code file_sd} format) per scrape job. The control plane writes them under
 * {@code s3://<monitor bucket>/monitor/}; the monitor task's config-sync container copies that prefix to
 * {@code /etc/prometheus/} every 30 s. File-SD files are re-read by Prometheus on their own; a changed
 * {@code prometheus.yml} (a job added or removed) is applied by config-sync through {@code /-/reload}.
 *
 * {@snippet :
 * Map<String, String> files = PrometheusConfig.standard().render(targets);
 * files.forEach((relativePath, text) -> bucket.put("monitor/" + relativePath, text));
 * }
 */
public final class PrometheusConfig {
    /** Where the monitor task mounts the synced files. */
    public static final String DEFAULT_DIR = "/etc/prometheus";
    /** The main file's name. */
    public static final String MAIN_FILE = "prometheus.yml";
    static final String ALERTMANAGER = "localhost:9093";
    static final String SELF = "localhost:9090";

    private final String configDir;
    private final RemoteWrite remoteWrite;

    /** A renderer whose file_sd paths point below {@code configDir} (tests use a temporary directory). */
    public PrometheusConfig(String configDir) {
        this(configDir, null);
    }

    private PrometheusConfig(String configDir, RemoteWrite remoteWrite) {
        if (configDir == null || !configDir.startsWith("/") || configDir.contains("\n")) {
            throw new IllegalArgumentException("configDir must be an absolute path");
        }
        this.configDir = configDir.endsWith("/") ? configDir.substring(0, configDir.length() - 1) : configDir;
        this.remoteWrite = remoteWrite;
    }

    /** Where every series is also sent, or {@code null}. */
    RemoteWrite remoteWrite() {
        return remoteWrite;
    }

    /** This renderer with every series also sent to {@code remoteWrite} ({@code null}: kept in the task only). */
    public PrometheusConfig withRemoteWrite(RemoteWrite remoteWrite) {
        return new PrometheusConfig(configDir, remoteWrite);
    }

    /** The renderer for the monitor task ({@code /etc/prometheus}). */
    public static PrometheusConfig standard() {
        return new PrometheusConfig(DEFAULT_DIR);
    }

    /** The file_sd file of a job, relative to the config directory: {@code targets/<job>.json}. */
    public static String targetsFile(String jobName) {
        return "targets/" + jobName + ".json";
    }

    /** Every file, by path relative to the config directory, {@code prometheus.yml} first, then jobs by name. */
    public Map<String, String> render(Collection<ScrapeTarget> targets) {
        return render(targets, List.of(), List.of());
    }

    /**
     * As {@link #render(Collection)}, plus one job per discovered service ({@code discovered/<service>.json} from
     * the running instances), placed after the self-scrape job.
     */
    public Map<String, String> render(Collection<ScrapeTarget> targets, List<DiscoveredJobs> discovered,
                                      List<RunningInstance> running) {
        List<ScrapeTarget> jobs = sorted(targets);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(MAIN_FILE, prometheusYml(jobs, discovered));
        for (DiscoveredJobs d : discovered) {
            files.put(d.file(), d.fileSd(running));
        }
        for (ScrapeTarget t : jobs) {
            files.put(targetsFile(t.jobName()), fileSd(t));
        }
        return files;
    }

    /** A job's file_sd document: {@code [{"targets": [...], "labels": {...}}]}. */
    public String fileSd(ScrapeTarget target) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("targets", target.targets());
        group.put("labels", target.labels());
        return Json.write(List.of(group)) + "\n";
    }

    /**
     * {@code prometheus.yml}: 15 s scrape and evaluation intervals, Alertmanager on localhost:9093, rule files
     * from {@code rules/*.yml}, a self-scrape job, and one file_sd job per target (refreshed every 30 s).
     */
    public String prometheusYml(Collection<ScrapeTarget> targets) {
        return prometheusYml(targets, List.of());
    }

    /** {@code prometheus.yml} with the discovered jobs' file_sd jobs too (their metrics path set). */
    public String prometheusYml(Collection<ScrapeTarget> targets, List<DiscoveredJobs> discovered) {
        StringBuilder y = new StringBuilder();
        y.append("# Rendered by quants-infra from its stored scrape targets; edits here are overwritten.\n");
        y.append("global:\n");
        y.append("  scrape_interval: 15s\n");
        y.append("  evaluation_interval: 15s\n");
        y.append("alerting:\n");
        y.append("  alertmanagers:\n");
        y.append("    - static_configs:\n");
        y.append("        - targets:\n");
        y.append("            - ").append(Yaml.quote(ALERTMANAGER)).append('\n');
        y.append("rule_files:\n");
        y.append("  - ").append(Yaml.quote(configDir + "/rules/*.yml")).append('\n');
        y.append("scrape_configs:\n");
        y.append("  - job_name: ").append(Yaml.quote(ScrapeTarget.SELF_JOB)).append('\n');
        y.append("    static_configs:\n");
        y.append("      - targets:\n");
        y.append("          - ").append(Yaml.quote(SELF)).append('\n');
        for (DiscoveredJobs d : discovered) {
            y.append("  - job_name: ").append(Yaml.quote(d.jobName())).append('\n');
            y.append("    metrics_path: ").append(Yaml.quote(d.metricsPath())).append('\n');
            fileSdConfig(y, d.file());
        }
        for (ScrapeTarget t : sorted(targets)) {
            y.append("  - job_name: ").append(Yaml.quote(t.jobName())).append('\n');
            fileSdConfig(y, targetsFile(t.jobName()));
        }
        if (remoteWrite != null) {
            remoteWrite(y);
        }
        return y.toString();
    }

    /**
     * Every series to the AMP workspace, SigV4-signed with the task role's credentials; the queue settings are AMP's
     * recommended ones (at most 1000 samples per request, its ingestion limit per call).
     */
    private void remoteWrite(StringBuilder y) {
        y.append("remote_write:\n");
        y.append("  - url: ").append(Yaml.quote(remoteWrite.url())).append('\n');
        y.append("    sigv4:\n");
        y.append("      region: ").append(Yaml.quote(remoteWrite.region())).append('\n');
        y.append("    queue_config:\n");
        y.append("      max_samples_per_send: 1000\n");
        y.append("      max_shards: 200\n");
        y.append("      capacity: 2500\n");
    }

    private void fileSdConfig(StringBuilder y, String file) {
        y.append("    file_sd_configs:\n");
        y.append("      - files:\n");
        y.append("          - ").append(Yaml.quote(configDir + "/" + file)).append('\n');
        y.append("        refresh_interval: 30s\n");
    }

    private static List<ScrapeTarget> sorted(Collection<ScrapeTarget> targets) {
        List<ScrapeTarget> jobs = targets.stream().sorted(Comparator.comparing(ScrapeTarget::jobName)).toList();
        for (int i = 1; i < jobs.size(); i++) {
            if (jobs.get(i).jobName().equals(jobs.get(i - 1).jobName())) {
                throw new InvalidInputException("job_name", "two scrape targets are named \"" + jobs.get(i).jobName()
                        + "\"; job names must be unique");
            }
        }
        return jobs;
    }
}
