package io.quantsinfra.aws.s3;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.monitor.MonitorConfigPublisher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Publishes the monitor's Prometheus files under {@code s3://<bucket>/monitor/}, which the monitor's
 * config-sync container mirrors into {@code /etc/prometheus/}. Unchanged files are not written (a redeploy
 * that changes nothing makes no mutating call); files under the prefix that are no longer rendered are deleted.
 */
public final class S3MonitorConfigPublisher implements MonitorConfigPublisher {
    static final String PREFIX = "monitor/";
    /** The client, asked for at the first publish or read: a status request builds this publisher but never uses it. */
    private final Supplier<S3Client> s3;
    private final String bucket;

    public S3MonitorConfigPublisher(S3Client s3, String bucket) {
        this(() -> s3, bucket);
    }

    public S3MonitorConfigPublisher(Supplier<S3Client> s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public List<String> publish(Map<String, String> files) {
        if (bucket == null) {
            throw new IllegalStateException("no monitor config bucket is configured (QUANTS_INFRA_MONITOR_BUCKET)");
        }
        List<String> changed = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            String key = PREFIX + f.getKey();
            wanted.add(key);
            if (!f.getValue().equals(current(key))) {
                AwsErrors.call("write s3://" + bucket + "/" + key, () -> s3.get().putObject(r -> r.bucket(bucket).key(key)
                        .contentType(key.endsWith(".json") ? "application/json" : "application/yaml"),
                        RequestBody.fromString(f.getValue(), StandardCharsets.UTF_8)));
                changed.add("s3://" + bucket + "/" + key);
            }
        }
        // Everything under monitor/ is rendered (config-sync mirrors it with --delete), so whatever is no longer
        // rendered goes: a removed job's targets, a deleted rule file, a dashboard no longer shipped.
        List<S3Object> existing = new ArrayList<>();
        AwsErrors.call("list s3://" + bucket + "/" + PREFIX, () -> {
            s3.get().listObjectsV2Paginator(r -> r.bucket(bucket).prefix(PREFIX)).contents().forEach(existing::add);
            return null;
        });
        for (S3Object o : existing) {
            if (!wanted.contains(o.key())) {
                AwsErrors.call("delete s3://" + bucket + "/" + o.key(), () -> s3.get().deleteObject(r -> r.bucket(bucket).key(o.key())));
                changed.add("s3://" + bucket + "/" + o.key() + " (removed)");
            }
        }
        return changed;
    }

    private String current(String key) {
        return AwsErrors.call("read s3://" + bucket + "/" + key, () -> {
            try {
                return s3.get().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
            } catch (NoSuchKeyException e) {
                return null;
            }
        });
    }
}
