package io.quantsinfra.core.monitor;

import io.quantsinfra.core.catalog.ServiceConfig;
import io.quantsinfra.core.catalog.ServiceType;
import io.quantsinfra.core.deploy.DeployHook;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import java.util.List;
import java.util.Map;

/**
 * Seed 000's {@code MonitorDeployer.add_scrape_target}: targets are validated, stored, and the whole
 * Prometheus configuration ({@code prometheus.yml} and one {@code file_sd} file per job) is rendered and
 * published where the running monitor picks it up (file_sd reloads by itself; new jobs via /-/reload).
 * Before the monitor is deployed its configuration is published, since Prometheus needs it to start.
 *
 * {@snippet :
 * scrapeTargets.add(Map.of("job_name", "data-collector", "targets", List.of("10.0.1.5:9090")));
 * }
 */
public final class ScrapeTargetService implements DeployHook {
    private final ScrapeTargetStore store;
    private final MonitorFiles files;

    /** Publishes typed targets, discovery jobs with no instances, and the Grafana files; no rule files. */
    public ScrapeTargetService(ScrapeTargetStore store, MonitorConfigPublisher publisher, PrometheusConfig prometheus) {
        this(store, new MonitorFiles(store, null, InstanceAddresses.NONE, publisher, prometheus));
    }

    /** Publishes everything {@code files} renders (which must read the same {@code store}). */
    public ScrapeTargetService(ScrapeTargetStore store, MonitorFiles files) {
        this.store = store;
        this.files = files;
    }

    /** Validates and stores a target (replacing one with the same job name), then publishes. */
    public Added add(Map<String, Object> document) {
        if (document == null) {
            throw new InvalidInputException("a scrape target needs job_name, targets and optional labels");
        }
        ScrapeTarget target = ScrapeTarget.fromDocument(document);
        store.put(target);
        return new Added(target, files.publish());
    }

    /** Removes a job and publishes; NotFoundException when there is no such job. */
    public List<String> remove(String jobName) {
        if (!store.remove(jobName)) {
            throw new NotFoundException("no scrape target with job name '" + jobName + "'");
        }
        return files.publish();
    }

    /** Every stored target. */
    public List<ScrapeTarget> all() {
        return store.all();
    }

    /** The files the monitor runs with ({@link MonitorFiles#render()}). */
    public Map<String, String> rendered() {
        return files.render();
    }

    @Override
    public void beforeDeploy(ServiceType type, ServiceConfig config) {
        if (type.name().equals("monitor")) {
            files.publish();
        }
    }

    /** A target as stored and the files that publishing it wrote. */
    public record Added(ScrapeTarget target, List<String> published) {
        public Added {
            published = List.copyOf(published);
        }
    }
}
