package io.quantsinfra.cdk.stacks;

import io.quantsinfra.aws.dynamodb.StateTable;
import io.quantsinfra.cdk.constructs.SecureBucket;
import io.quantsinfra.cdk.shared.SharedNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import io.quantsinfra.cdk.config.LogRetention;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

/**
 * State and stored data: the DynamoDB state table (keys {@code pk}/{@code sk}, TTL on {@code ttl}, point-in-time
 * recovery, encrypted), the KMS key secrets are encrypted with, the monitor's configuration bucket (and the access-log
 * bucket beside it), and one log group per service type, all under the names {@code functions/} expects.
 */
public final class DataStack extends Stack {
    /** Key prefix of the monitor's files in the monitor bucket (what {@code S3MonitorConfigPublisher} writes). */
    public static final String MONITOR_PREFIX = "monitor/";
    /** The key of the jobs log group ({@code <prefix>/jobs}) among {@link #serviceLogGroups()}. */
    public static final String JOBS_LOG_GROUP_KEY = "jobs";

    private final Table table;
    private final Key secretsKey;
    private final Bucket monitorBucket;
    private final Bucket accessLogsBucket;
    private final Map<String, LogGroup> serviceLogGroups = new LinkedHashMap<>();

    /**
     * @param stack the stack's own props
     * @param logRetention retention of the service log groups (and of access logs)
     * @param removal what {@code cdk destroy} does to the data
     */
    public record Props(StackProps stack, LogRetention logRetention, RemovalPolicy removal) {
    }

    public DataStack(Construct scope, String id, Props props) {
        super(scope, id, props.stack());
        table = Table.Builder.create(this, "StateTable")
                .tableName(SharedNames.table())
                .partitionKey(Attribute.builder().name(StateTable.PARTITION_KEY).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(StateTable.SORT_KEY).type(AttributeType.STRING).build())
                // The notification log, endpoint stats, leases and silences expire by it (epoch seconds).
                .timeToLiveAttribute(StateTable.TTL_ATTRIBUTE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(props.removal() == RemovalPolicy.RETAIN)
                .removalPolicy(props.removal())
                .build();

        secretsKey = Key.Builder.create(this, "SecretsKey")
                .description("quants-infra: encrypts the secrets under " + SharedNames.secretPrefix())
                .alias("alias/" + SharedNames.secretPrefix() + "secrets")
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(30))
                .policy(secretsKeyPolicy())
                .removalPolicy(props.removal())
                .build();

        accessLogsBucket = new SecureBucket(this, "AccessLogs",
                SecureBucket.Props.logBucket(props.logRetention().duration(), props.removal())).bucket();
        monitorBucket = new SecureBucket(this, "MonitorConfig",
                SecureBucket.Props.dataBucket(accessLogsBucket, "monitor-config/", props.removal())).bucket();

        // Job containers log to <prefix>/jobs (AwsSettings.jobsLogGroup), written by the same task execution role.
        for (String service : java.util.stream.Stream.concat(SharedNames.services().stream(), java.util.stream.Stream.of(JOBS_LOG_GROUP_KEY)).toList()) {
            serviceLogGroups.put(service, LogGroup.Builder.create(this, "Logs-" + service)
                    .logGroupName(SharedNames.logGroup(service))
                    .retention(props.logRetention().retentionDays())
                    .removalPolicy(props.removal())
                    .build());
        }
    }

    /**
     * The key policy, written out instead of CDK's default ({@code kms:*} for the account): the account administers
     * the key and lets IAM policies use it; which principals may use it is decided by their IAM policies (the
     * control plane's and the task execution role's, each limited to Secrets Manager by {@code kms:ViaService}).
     */
    private static PolicyDocument secretsKeyPolicy() {
        List<AccountRootPrincipal> account = List.of(new AccountRootPrincipal());
        return PolicyDocument.Builder.create().statements(List.of(
                PolicyStatement.Builder.create().sid("AccountAdministersTheKey").principals(account).resources(List.of("*"))
                        .actions(List.of("kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias", "kms:DescribeKey",
                                "kms:EnableKey", "kms:DisableKey", "kms:EnableKeyRotation", "kms:DisableKeyRotation",
                                "kms:GetKeyRotationStatus", "kms:RotateKeyOnDemand", "kms:GetKeyPolicy", "kms:PutKeyPolicy",
                                "kms:ListKeyPolicies", "kms:ListAliases", "kms:ListGrants", "kms:RevokeGrant",
                                "kms:ListResourceTags", "kms:TagResource", "kms:UntagResource", "kms:UpdateKeyDescription",
                                "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"))
                        .build(),
                PolicyStatement.Builder.create().sid("IamPoliciesMayUseTheKey").principals(account).resources(List.of("*"))
                        .actions(List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo",
                                "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext"))
                        .build()))
                .build();
    }

    public Table table() {
        return table;
    }

    public Key secretsKey() {
        return secretsKey;
    }

    public Bucket monitorBucket() {
        return monitorBucket;
    }

    /** Log group per service name ({@code <prefix>/<service>}), and the jobs' ({@value #JOBS_LOG_GROUP_KEY}). */
    public Map<String, LogGroup> serviceLogGroups() {
        return Map.copyOf(serviceLogGroups);
    }
}
