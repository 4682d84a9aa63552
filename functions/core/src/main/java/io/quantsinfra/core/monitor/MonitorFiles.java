package io.quantsinfra.core.monitor;

import io.quantsinfra.core.rule.RuleStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the monitor task loads from its bucket, rendered from the control plane's state, and published as one
 * set (the publisher removes what is no longer rendered): {@code prometheus.yml}, the typed targets'
 * {@code targets/<job>.json}, the discovered instances' {@code discovered/<service>.json}, the applied rule files
 * {@code rules/<name>.yml} and Grafana's provisioning {@code grafana/...}. Every trigger (a scrape target added or
 * removed, a rule file applied or deleted, a monitor deploy, the scheduled refresh) publishes the whole set, so no
 * trigger can drop another's files. Unchanged files are not written.
 *
 * {@snippet :
 * MonitorFiles files = new MonitorFiles(targetStore, ruleStore, ecsAddresses, s3Publisher, PrometheusConfig.standard());
 * List<String> written = files.publish();
 * }
 */
public final class MonitorFiles {
    private final ScrapeTargetStore targets;
    private final RuleStore rules;
    private final InstanceAddresses addresses;
    private final MonitorConfigPublisher publisher;
    private final PrometheusConfig prometheus;

    /** {@code rules} may be {@code null} (no rule files published). */
    public MonitorFiles(ScrapeTargetStore targets, RuleStore rules, InstanceAddresses addresses,
                        MonitorConfigPublisher publisher, PrometheusConfig prometheus) {
        this.targets = targets;
        this.rules = rules;
        this.addresses = addresses;
        this.publisher = publisher;
        this.prometheus = prometheus;
    }

    /** The files, by path relative to the config directory, {@code prometheus.yml} first. */
    public Map<String, String> render() {
        List<RunningInstance> running = addresses.running();
        Map<String, String> files = new LinkedHashMap<>(prometheus.render(targets.all(), DiscoveredJobs.STANDARD, running));
        if (rules != null) {
            files.putAll(RuleFilesRenderer.render(rules.list()));
        }
        files.putAll(GrafanaProvisioning.files());
        if (prometheus.remoteWrite() != null) {
            files.put(GrafanaProvisioning.AMP_DATA_SOURCE, GrafanaProvisioning.ampDataSource(prometheus.remoteWrite()));
        }
        return files;
    }

    /** Renders and publishes; returns what was written or removed (nothing when the bucket is up to date). */
    public List<String> publish() {
        return publisher.publish(render());
    }
}
