package io.quantsinfra.core.monitor;

import java.util.List;
import java.util.Map;

/**
 * Port: puts the rendered Prometheus files where the monitor's config-sync container reads them
 * ({@code s3://<bucket>/monitor/} on AWS). Files whose content is already there are not written again,
 * and files no longer rendered are removed.
 */
public interface MonitorConfigPublisher {
    /** Publishes {@code files} (relative path → content); returns the paths it wrote or removed. */
    List<String> publish(Map<String, String> files);
}
