/**
 * The monitor's configuration: scrape targets ({@link io.quantsinfra.core.monitor.ScrapeTarget}, the seed's
 * {@code add_scrape_target}) validated as they are parsed, and the files the monitor task loads, rendered
 * from them: Prometheus {@code file_sd} JSON per job and {@code prometheus.yml}
 * ({@link io.quantsinfra.core.monitor.PrometheusConfig}), plus Alertmanager's routing
 * ({@link io.quantsinfra.core.monitor.AlertmanagerConfig}), the discovered instances' file_sd
 * ({@link io.quantsinfra.core.monitor.DiscoveredJobs}), the applied rule files and the Grafana provisioning
 * ({@link io.quantsinfra.core.monitor.GrafanaProvisioning}), published as one set by
 * {@link io.quantsinfra.core.monitor.MonitorFiles}. Rendering is deterministic: equal inputs give equal text.
 */
package io.quantsinfra.core.monitor;
