package io.quantsinfra.core.deploy;

/**
 * Facts about the account the catalogue needs to build a task: where logs go, the collector's EFS
 * file system, the bucket the monitor reads its rendered Prometheus configuration from.
 *
 * @param logGroupPrefix log groups are {@code <logGroupPrefix>/<service>}, e.g. {@code /quants-infra}
 * @param collectorFileSystemId EFS file system for collected data, or {@code null} when none is configured
 * @param collectorAccessPointId EFS access point, or {@code null}
 * @param monitorConfigBucket S3 bucket holding {@code monitor/prometheus.yml} and {@code monitor/targets/*.json}
 * @param region AWS region, for images and sidecars that need it
 */
public record PlatformContext(String logGroupPrefix, String collectorFileSystemId, String collectorAccessPointId,
                              String monitorConfigBucket, String region) {

    public String logGroup(String service) {
        return logGroupPrefix + "/" + service;
    }
}
