package io.quantsinfra.core.monitor;

import io.quantsinfra.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scrape jobs for instances quants-infra deploys, rendered from the control plane's own registry as
 * {@code file_sd} files ({@code discovered/<service>.json}), one group per running task with labels
 * {@code instance} (the instance id, as in the CloudWatch {@code instance} dimension) and {@code service}.
 * Only services that serve Prometheus metrics are scraped: the data-collector on its metrics port. Freqtrade's
 * REST API is not a Prometheus endpoint; its trading metrics reach CloudWatch through the health probe.
 *
 * <p>Every job is always rendered, with an empty file when nothing runs, so that scaling, stopping or a task
 * replaced with a new address changes only the file_sd file (Prometheus re-reads it; no reload).
 *
 * {@snippet :
 * String json = DiscoveredJobs.STANDARD.get(0).fileSd(running);
 * }
 */
public record DiscoveredJobs(String service, String metricsPath) {
    /** Job names carry a '/', which typed scrape targets cannot, so the two never collide. */
    public static final String JOB_PREFIX = "quants-infra/";
    /** The services scraped by discovery. */
    public static final List<DiscoveredJobs> STANDARD = List.of(new DiscoveredJobs("data-collector", "/metrics"));

    /** The job's name: {@code quants-infra/<service>}. */
    public String jobName() {
        return JOB_PREFIX + service;
    }

    /** Its file_sd file, relative to the config directory. */
    public String file() {
        return "discovered/" + service + ".json";
    }

    /** The file_sd document for the running tasks of this service, by instance id. */
    public String fileSd(List<RunningInstance> running) {
        List<Object> groups = new ArrayList<>();
        running.stream().filter(r -> r.id().service().equals(service) && !r.ports().isEmpty())
                .sorted(java.util.Comparator.comparing(r -> r.id().toString()))
                .forEach(r -> {
                    Map<String, Object> labels = new LinkedHashMap<>();
                    labels.put("instance", r.id().toString());
                    labels.put("service", service);
                    Map<String, Object> group = new LinkedHashMap<>();
                    group.put("targets", List.of(TargetAddress.hostPort(r.address(), r.ports().get(0))));
                    group.put("labels", labels);
                    groups.add(group);
                });
        return Json.write(groups) + "\n";
    }
}
