package io.quantsinfra.cdk.constructs;

import io.quantsinfra.cdk.QuantsInfraCdkException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * A private S3 bucket: public access blocked, encrypted (SSE-S3), TLS 1.2+ only, incomplete uploads cleaned
 * up, old versions expired, server access logs to {@code accessLogs} (unless it is itself the log bucket).
 *
 * {@snippet :
 * SecureBucket logs = new SecureBucket(this, "AccessLogs", SecureBucket.Props.logBucket(Duration.days(90), removal));
 * SecureBucket data = new SecureBucket(this, "Data", SecureBucket.Props.dataBucket(logs.bucket(), "data/", removal));
 * }
 */
public final class SecureBucket extends Construct {
    private final Bucket bucket;

    /**
     * @param accessLogs where server access logs go, or {@code null} for a log bucket (which does not log itself)
     * @param accessLogPrefix key prefix of this bucket's access logs, ending in {@code /}
     * @param versioned keep object versions (and expire non-current ones after {@code noncurrentExpiry})
     * @param noncurrentExpiry how long a replaced or deleted version is kept
     * @param expiry how long any object is kept, or {@code null} for ever (log buckets)
     * @param objectWriterOwnership ACL-enabled ownership, only for CloudFront's standard logs (they are written by ACL)
     * @param removal what {@code cdk destroy} does to the bucket
     */
    public record Props(IBucket accessLogs, String accessLogPrefix, boolean versioned, Duration noncurrentExpiry,
                        Duration expiry, boolean objectWriterOwnership, RemovalPolicy removal) {
        public Props {
            if (accessLogs != null && (accessLogPrefix == null || !accessLogPrefix.endsWith("/"))) {
                throw new QuantsInfraCdkException("an access log prefix must end with '/', got '" + accessLogPrefix + "'");
            }
            if (versioned && noncurrentExpiry == null) {
                throw new QuantsInfraCdkException("a versioned bucket needs an expiry for non-current versions");
            }
            if (accessLogs == null && expiry == null) {
                throw new QuantsInfraCdkException("a log bucket needs an expiry: logs must not be kept for ever by accident");
            }
            if (removal == null) {
                throw new QuantsInfraCdkException("a bucket needs a removal policy");
            }
        }

        /** A versioned bucket for data, logging to {@code accessLogs} under {@code prefix}. */
        public static Props dataBucket(IBucket accessLogs, String prefix, RemovalPolicy removal) {
            return new Props(accessLogs, prefix, true, Duration.days(30), null, false, removal);
        }

        /** A bucket receiving S3 server access logs, kept {@code expiry}. */
        public static Props logBucket(Duration expiry, RemovalPolicy removal) {
            return new Props(null, null, false, null, expiry, false, removal);
        }
    }

    public SecureBucket(Construct scope, String id, Props props) {
        super(scope, id);
        List<LifecycleRule> rules = new ArrayList<>();
        LifecycleRule.Builder rule = LifecycleRule.builder().id("housekeeping").abortIncompleteMultipartUploadAfter(Duration.days(7));
        if (props.versioned()) {
            rule.noncurrentVersionExpiration(props.noncurrentExpiry());
        }
        if (props.expiry() != null) {
            rule.expiration(props.expiry());
        }
        rules.add(rule.build());
        Bucket.Builder b = Bucket.Builder.create(this, "Bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .versioned(props.versioned())
                .lifecycleRules(rules)
                .objectOwnership(props.objectWriterOwnership() ? ObjectOwnership.OBJECT_WRITER : ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .removalPolicy(props.removal());
        if (props.accessLogs() != null) {
            b.serverAccessLogsBucket(props.accessLogs()).serverAccessLogsPrefix(props.accessLogPrefix());
        }
        bucket = b.build();
        if (props.accessLogs() == null) {
            Nag.acknowledge(bucket, "AwsSolutions-S1",
                    "This is the access-log bucket: it receives the other buckets' server access logs, and logging "
                            + "it into itself would log its own log deliveries without end.");
        }
    }

    public Bucket bucket() {
        return bucket;
    }
}
