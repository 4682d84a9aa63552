package io.quantsinfra.cdk.constructs;

import io.quantsinfra.cdk.QuantsInfraCdkException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The least-privilege policy of a control-plane Lambda, assembled from the capabilities it needs. Every
 * {@code Resource: "*"} is there because the action has no resource-level permission (Service Authorization
 * Reference) and is narrowed by a condition where the service offers one; each carries its cdk-nag
 * acknowledgement here, next to the statement it explains.
 *
 * {@snippet :
 * new ControlPlanePolicy(this, "ApiPolicy", new ControlPlanePolicy.Props(role, resources,
 *         EnumSet.allOf(ControlPlanePolicy.Capability.class)));
 * }
 */
public final class ControlPlanePolicy extends Construct {

    /** A group of AWS calls a handler makes. */
    public enum Capability {
        /** List/Describe ECS services and tasks of the cluster, read task definitions. */
        ECS_READ,
        /** Create/update/delete managed services, register/deregister task definitions, tag, pass the task roles. */
        ECS_WRITE,
        /** Read the services' CloudWatch Logs. */
        SERVICE_LOGS,
        /** The DynamoDB state table's items (get, put, update, delete, query). */
        STATE,
        /** The {@code /health} self-checks: describe the state table and the cluster. */
        SELF_CHECK,
        /** Give managed services a new deployment (rotation: instances pick up a changed secret). */
        ECS_REDEPLOY,
        /** Read secrets under the prefix (and decrypt them through Secrets Manager); list them. */
        SECRETS_READ,
        /**
         * Read only the secrets meant for alerting ({@code <prefix>alerting/}, {@code AlertingSecrets.PREFIX}): the
         * evaluator sends receivers' credentials out, so it must not be able to read an exchange key.
         */
        ALERTING_SECRETS_READ,
        /** Create, change, rotate, delete and restore secrets under the prefix (encrypting through Secrets Manager). */
        SECRETS_WRITE,
        /**
         * Move staging labels of secrets under the prefix, writing no value: judging a rotation's rollout and reverting
         * AWSCURRENT to the previous version when ECS rolled it back.
         */
        SECRETS_RELABEL,
        /** The monitor's Prometheus files under {@code monitor/} in the monitor bucket. */
        MONITOR_CONFIG,
        /** PutMetricData in the control plane's namespace. */
        METRICS,
        /** GetMetricData and ListMetrics (alert rules are evaluated over CloudWatch metrics; selectors discover series). */
        METRICS_READ,
        /** The job queue's batch reads and writes and transaction condition checks on the state table (with {@link #STATE}). */
        JOB_STATE,
        /**
         * Start job tasks (RunTask of {@code job-*} task definitions in the cluster, tagged while starting), describe and
         * stop the cluster's tasks, pass exactly the task roles.
         */
        JOBS_RUN,
        /** Stop the cluster's tasks (cancel of a running job). */
        JOBS_STOP
    }

    /**
     * The resources the statements name.
     *
     * @param cluster ECS cluster name
     * @param managedTag the tag (key, value) quants-infra puts on what it creates
     * @param passRoles the task execution role and task roles task definitions may name: the execution role and the
     *                  shared task role first (what job tasks run with), then the per-service task roles
     * @param logGroupPrefix prefix of the services' log groups
     * @param table state table
     * @param secretPrefix Secrets Manager name prefix
     * @param secretsKey KMS key of the secrets
     * @param monitorBucket bucket of the monitor's configuration
     * @param monitorPrefix key prefix in it, ending in {@code /}
     * @param metricsNamespace CloudWatch namespace
     */
    public record Resources(String cluster, Map.Entry<String, String> managedTag, List<IRole> passRoles,
                            String logGroupPrefix, ITable table, String secretPrefix, IKey secretsKey,
                            IBucket monitorBucket, String monitorPrefix, String metricsNamespace) {
        public Resources {
            if (!monitorPrefix.endsWith("/") || !secretPrefix.endsWith("/")) {
                throw new QuantsInfraCdkException("prefixes end with '/': monitor '" + monitorPrefix + "', secrets '" + secretPrefix + "'");
            }
            if (passRoles.isEmpty()) {
                throw new QuantsInfraCdkException("task definitions need an execution role to pass");
            }
            passRoles = List.copyOf(passRoles);
        }

        /** The roles a job's task definition names: the execution role and the shared task role, never a service's. */
        public List<IRole> jobPassRoles() {
            return passRoles.subList(0, Math.min(2, passRoles.size()));
        }
    }

    /** @param role the Lambda's role; @param capabilities what it may do */
    public record Props(IRole role, Resources resources, Set<Capability> capabilities) {
        public Props {
            if (capabilities.isEmpty()) {
                throw new QuantsInfraCdkException("a control-plane policy needs at least one capability");
            }
            capabilities = Set.copyOf(capabilities);
        }
    }

    private final Policy policy;
    /** Wildcard resources (as nag names them) and why each is needed, in the order the statements add them. */
    private final Map<String, String> wildcards = new java.util.LinkedHashMap<>();

    public ControlPlanePolicy(Construct scope, String id, Props props) {
        super(scope, id);
        Resources r = props.resources();
        List<PolicyStatement> statements = new ArrayList<>();
        for (Capability c : EnumSet.copyOf(props.capabilities())) {
            switch (c) {
                case ECS_READ -> statements.addAll(ecsRead(r));
                case ECS_WRITE -> statements.addAll(ecsWrite(r));
                case SERVICE_LOGS -> statements.add(serviceLogs(r));
                case STATE -> statements.add(state(r));
                case SELF_CHECK -> statements.addAll(selfCheck(r));
                case ECS_REDEPLOY -> statements.add(ecsRedeploy(r));
                case SECRETS_READ -> statements.addAll(secretsRead(r));
                case ALERTING_SECRETS_READ -> statements.addAll(alertingSecretsRead(r));
                case SECRETS_WRITE -> statements.addAll(secretsWrite(r));
                case SECRETS_RELABEL -> statements.add(secretsRelabel(r));
                case MONITOR_CONFIG -> statements.addAll(monitorConfig(r));
                case METRICS -> statements.add(metrics(r));
                case METRICS_READ -> statements.add(metricsRead());
                case JOB_STATE -> statements.add(jobState(r));
                case JOBS_RUN -> statements.addAll(jobsRun(r));
                case JOBS_STOP -> statements.add(jobsStop(r));
            }
        }
        policy = Policy.Builder.create(this, "Policy").statements(statements).roles(List.of(props.role())).build();
        wildcards.forEach((appliesTo, reason) -> Nag.acknowledge(policy, "AwsSolutions-IAM5", reason, appliesTo));
    }

    private void wildcard(String appliesTo, String reason) {
        wildcards.merge(appliesTo, reason, (a, b) -> a.equals(b) ? a : a + " " + b);
    }

    private static PolicyStatement statement(String sid, List<String> actions, List<String> resources, Map<String, Object> conditions) {
        PolicyStatement.Builder b = PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources);
        if (!conditions.isEmpty()) {
            b.conditions(conditions);
        }
        return b.build();
    }

    private List<PolicyStatement> ecsRead(Resources r) {
        wildcard("Resource::*", "ecs:ListServices/ListTasks and ecs:DescribeTaskDefinition/ListTaskDefinitions have no "
                + "resource-level permissions; the list calls are limited to the cluster by the ecs:cluster condition.");
        wildcard(Arns.nagResource("ecs", "service/" + r.cluster() + "/*"), "ECS services are named per instance at run time; "
                + "the pattern limits them to the quants-infra cluster (writes also need the managed-by tag).");
        wildcard(Arns.nagResource("ecs", "task/" + r.cluster() + "/*"), "ECS task ids are assigned by ECS; the pattern limits "
                + "DescribeTasks to the quants-infra cluster.");
        return List.of(
                statement("EcsListInCluster", List.of("ecs:ListServices", "ecs:ListTasks"), List.of("*"),
                        Map.of("ArnEquals", Map.of("ecs:cluster", Arns.ecsCluster(r.cluster())))),
                // No tag condition on DescribeServices: the API describes instances by name to learn whether they
                // exist, and a tag condition turns "no such service" into AccessDenied.
                statement("EcsDescribeInCluster", List.of("ecs:DescribeServices", "ecs:DescribeTasks"),
                        List.of(Arns.ecsServices(r.cluster()), Arns.ecsTasks(r.cluster())), Map.of()),
                statement("EcsReadTaskDefinitions", List.of("ecs:DescribeTaskDefinition", "ecs:ListTaskDefinitions"),
                        List.of("*"), Map.of()));
    }

    private List<PolicyStatement> ecsWrite(Resources r) {
        String tagKey = r.managedTag().getKey();
        String tagValue = r.managedTag().getValue();
        wildcard("Resource::*", "ecs:RegisterTaskDefinition and ecs:DeregisterTaskDefinition have no resource-level "
                + "permissions; registration requires the managed-by=quants-infra request tag.");
        wildcard(Arns.nagResource("ecs", "service/" + r.cluster() + "/*"), "Services are created per instance at run "
                + "time; creation requires the managed-by request tag, changes the managed-by resource tag.");
        wildcard(Arns.nagResource("ecs", "task-definition/*"), "Task definition families are named per instance; "
                + "tagging them is allowed only while registering one with the managed-by tag (ecs:CreateAction).");
        List<String> roleArns = r.passRoles().stream().map(IRole::getRoleArn).toList();
        return List.of(
                statement("EcsCreateManagedService", List.of("ecs:CreateService"), List.of(Arns.ecsServices(r.cluster())),
                        Map.of("StringEquals", Map.of("aws:RequestTag/" + tagKey, tagValue))),
                statement("EcsChangeManagedService", List.of("ecs:UpdateService", "ecs:DeleteService"),
                        List.of(Arns.ecsServices(r.cluster())),
                        Map.of("StringEquals", Map.of("aws:ResourceTag/" + tagKey, tagValue))),
                statement("EcsTagWhileCreating", List.of("ecs:TagResource"),
                        List.of(Arns.ecsServices(r.cluster()), Arns.ecsTaskDefinitions()),
                        Map.of("StringEquals", Map.of("ecs:CreateAction", List.of("CreateService", "RegisterTaskDefinition"),
                                "aws:RequestTag/" + tagKey, tagValue))),
                // After creation only quants-infra's own tags (the instance's host) change, never managed-by.
                statement("EcsTagManagedService", List.of("ecs:TagResource"), List.of(Arns.ecsServices(r.cluster())),
                        Map.of("StringEquals", Map.of("aws:ResourceTag/" + tagKey, tagValue),
                                "ForAllValues:StringLike", Map.of("aws:TagKeys", List.of("quants-infra:*")))),
                statement("EcsRegisterManagedTaskDefinition", List.of("ecs:RegisterTaskDefinition"), List.of("*"),
                        Map.of("StringEquals", Map.of("aws:RequestTag/" + tagKey, tagValue))),
                statement("EcsDeregisterTaskDefinition", List.of("ecs:DeregisterTaskDefinition"), List.of("*"), Map.of()),
                statement("PassTaskRoles", List.of("iam:PassRole"), roleArns,
                        Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com"))));
    }

    private PolicyStatement serviceLogs(Resources r) {
        wildcard(Arns.nagResource("logs", "log-group:" + r.logGroupPrefix() + "/*"), "One log group per service "
                + "(<prefix>/<service>) and one stream per task; the pattern limits reads to quants-infra's groups.");
        return statement("ReadServiceLogs", List.of("logs:DescribeLogStreams", "logs:GetLogEvents", "logs:FilterLogEvents"),
                List.of(Arns.logGroups(r.logGroupPrefix())), Map.of());
    }

    private PolicyStatement state(Resources r) {
        return statement("StateTable", List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:DeleteItem", "dynamodb:Query"), List.of(r.table().getTableArn()), Map.of());
    }

    private static List<PolicyStatement> selfCheck(Resources r) {
        return List.of(statement("SelfCheckTable", List.of("dynamodb:DescribeTable"), List.of(r.table().getTableArn()), Map.of()),
                statement("SelfCheckCluster", List.of("ecs:DescribeClusters"), List.of(Arns.ecsCluster(r.cluster())), Map.of()));
    }

    private PolicyStatement ecsRedeploy(Resources r) {
        wildcard(Arns.nagResource("ecs", "service/" + r.cluster() + "/*"), "Services are named per instance at run time; "
                + "only those tagged managed-by in the quants-infra cluster may be redeployed.");
        return statement("EcsRedeployManagedService", List.of("ecs:UpdateService"), List.of(Arns.ecsServices(r.cluster())),
                Map.of("StringEquals", Map.of("aws:ResourceTag/" + r.managedTag().getKey(), r.managedTag().getValue())));
    }

    private List<PolicyStatement> secretsRead(Resources r) {
        wildcard(Arns.nagResource("secretsmanager", "secret:" + r.secretPrefix() + "*"), "Secrets are named by users "
                + "and instances under the prefix, and Secrets Manager appends a random suffix to every ARN.");
        wildcard("Resource::*", "secretsmanager:ListSecrets has no resource-level permissions (the adapter filters by "
                + "name prefix).");
        return List.of(
                statement("ReadSecretsUnderPrefix", List.of("secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"),
                        List.of(Arns.secrets(r.secretPrefix())), Map.of()),
                statement("ListSecrets", List.of("secretsmanager:ListSecrets"), List.of("*"), Map.of()),
                statement("DecryptSecretsThroughSecretsManager", List.of("kms:Decrypt"), List.of(r.secretsKey().getKeyArn()),
                        viaSecretsManager()));
    }

    private List<PolicyStatement> alertingSecretsRead(Resources r) {
        String prefix = r.secretPrefix() + io.quantsinfra.core.secret.AlertingSecrets.PREFIX;
        wildcard(Arns.nagResource("secretsmanager", "secret:" + prefix + "*"), "Receivers' credentials are named by "
                + "users under the alerting prefix, and Secrets Manager appends a random suffix to every ARN.");
        return List.of(
                statement("ReadAlertingSecrets", List.of("secretsmanager:GetSecretValue"), List.of(Arns.secrets(prefix)), Map.of()),
                statement("DecryptAlertingSecretsThroughSecretsManager", List.of("kms:Decrypt"), List.of(r.secretsKey().getKeyArn()),
                        viaSecretsManager()));
    }

    private List<PolicyStatement> secretsWrite(Resources r) {
        wildcard(Arns.nagResource("secretsmanager", "secret:" + r.secretPrefix() + "*"), "Secrets are named by users "
                + "and instances under the prefix, and Secrets Manager appends a random suffix to every ARN.");
        String secrets = Arns.secrets(r.secretPrefix());
        String tagKey = r.managedTag().getKey();
        return List.of(
                statement("ChangeSecretsUnderPrefix", List.of("secretsmanager:PutSecretValue",
                                "secretsmanager:UpdateSecretVersionStage", "secretsmanager:DeleteSecret",
                                "secretsmanager:RestoreSecret"),
                        List.of(secrets), Map.of()),
                statement("CreateManagedSecrets", List.of("secretsmanager:CreateSecret", "secretsmanager:TagResource"),
                        List.of(secrets), Map.of("StringEquals", Map.of("aws:RequestTag/" + tagKey, r.managedTag().getValue()))),
                statement("EncryptSecretsThroughSecretsManager", List.of("kms:Encrypt", "kms:GenerateDataKey"),
                        List.of(r.secretsKey().getKeyArn()), viaSecretsManager()));
    }

    private PolicyStatement secretsRelabel(Resources r) {
        wildcard(Arns.nagResource("secretsmanager", "secret:" + r.secretPrefix() + "*"), "Secrets are named by users "
                + "and instances under the prefix, and Secrets Manager appends a random suffix to every ARN.");
        return statement("RelabelSecretsUnderPrefix", List.of("secretsmanager:UpdateSecretVersionStage"),
                List.of(Arns.secrets(r.secretPrefix())), Map.of());
    }

    private static Map<String, Object> viaSecretsManager() {
        return Map.of("StringEquals", Map.of("kms:ViaService", "secretsmanager." + Aws.REGION + ".amazonaws.com"));
    }

    private List<PolicyStatement> monitorConfig(Resources r) {
        wildcard("/^Resource::<[A-Za-z0-9]+\\.Arn>\\/" + r.monitorPrefix().replace("/", "\\/") + "\\*$/", "The monitor's "
                + "rendered files (prometheus.yml, targets/<job>.json) are named at run time under the prefix.");
        // ListBucket has no prefix condition: the bucket holds only the monitor's files, and without ListBucket on
        // the bucket S3 answers a missing key with 403 instead of 404, which the publisher relies on.
        return List.of(
                statement("MonitorConfigObjects", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
                        List.of(r.monitorBucket().arnForObjects(r.monitorPrefix() + "*")), Map.of()),
                statement("MonitorConfigList", List.of("s3:ListBucket"), List.of(r.monitorBucket().getBucketArn()), Map.of()));
    }

    private PolicyStatement metrics(Resources r) {
        wildcard("Resource::*", "cloudwatch:PutMetricData has no resource-level permissions; the cloudwatch:namespace "
                + "condition limits it to the control plane's namespace.");
        return statement("PutControlPlaneMetrics", List.of("cloudwatch:PutMetricData"), List.of("*"),
                Map.of("StringEquals", Map.of("cloudwatch:namespace", r.metricsNamespace())));
    }

    private PolicyStatement metricsRead() {
        wildcard("Resource::*", "cloudwatch:GetMetricData and cloudwatch:ListMetrics have no resource-level permissions.");
        return statement("ReadMetrics", List.of("cloudwatch:GetMetricData", "cloudwatch:ListMetrics"), List.of("*"), Map.of());
    }

    private static PolicyStatement jobState(Resources r) {
        return statement("JobQueueBatches", List.of("dynamodb:BatchGetItem", "dynamodb:BatchWriteItem",
                "dynamodb:ConditionCheckItem"), List.of(r.table().getTableArn()), Map.of());
    }

    private List<PolicyStatement> jobsRun(Resources r) {
        wildcard(Arns.nagResource("ecs", "task-definition/" + JOB_FAMILY_PREFIX + "*"), "Job task definitions are "
                + "registered per job definition (family job-<name>) at run time; RunTask is limited to them and to the "
                + "quants-infra cluster (ecs:cluster).");
        wildcard(Arns.nagResource("ecs", "task/" + r.cluster() + "/*"), "ECS task ids are assigned by ECS; the pattern "
                + "limits describing, stopping and tagging job tasks to the quants-infra cluster.");
        wildcard("Resource::*", "ecs:ListTasks has no resource-level permissions; the ecs:cluster condition limits it to "
                + "the quants-infra cluster (the dispatcher finds a claimed attempt's task by its startedBy).");
        List<String> roleArns = r.jobPassRoles().stream().map(IRole::getRoleArn).toList();
        return List.of(
                statement("FindJobTasks", List.of("ecs:ListTasks"), List.of("*"),
                        Map.of("ArnEquals", Map.of("ecs:cluster", Arns.ecsCluster(r.cluster())))),
                statement("RunJobTasks", List.of("ecs:RunTask"), List.of(Arns.of("ecs", "task-definition/" + JOB_FAMILY_PREFIX + "*")),
                        Map.of("ArnEquals", Map.of("ecs:cluster", Arns.ecsCluster(r.cluster())))),
                statement("TagJobTasksWhileStarting", List.of("ecs:TagResource"), List.of(Arns.ecsTasks(r.cluster())),
                        Map.of("StringEquals", Map.of("ecs:CreateAction", "RunTask",
                                "aws:RequestTag/" + r.managedTag().getKey(), r.managedTag().getValue()))),
                statement("DescribeAndStopJobTasks", List.of("ecs:DescribeTasks", "ecs:StopTask"), List.of(Arns.ecsTasks(r.cluster())),
                        Map.of("ArnEquals", Map.of("ecs:cluster", Arns.ecsCluster(r.cluster())))),
                statement("PassJobTaskRoles", List.of("iam:PassRole"), roleArns,
                        Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com"))));
    }

    private PolicyStatement jobsStop(Resources r) {
        wildcard(Arns.nagResource("ecs", "task/" + r.cluster() + "/*"), "ECS task ids are assigned by ECS; the pattern "
                + "limits stopping a cancelled job's task to the quants-infra cluster.");
        return statement("StopJobTasks", List.of("ecs:StopTask"), List.of(Arns.ecsTasks(r.cluster())),
                Map.of("ArnEquals", Map.of("ecs:cluster", Arns.ecsCluster(r.cluster()))));
    }

    /** The family prefix of job task definitions ({@code JobDefinition.family}). */
    static final String JOB_FAMILY_PREFIX = io.quantsinfra.core.job.JobDefinition.family("");

    public Policy policy() {
        return policy;
    }
}
