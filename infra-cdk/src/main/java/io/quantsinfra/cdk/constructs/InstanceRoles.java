package io.quantsinfra.cdk.constructs;

import io.quantsinfra.cdk.QuantsInfraCdkException;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.efs.IAccessPoint;
import software.amazon.awscdk.services.efs.IFileSystem;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The roles every instance's task definition names: the task execution role (ECS pulls images, writes logs,
 * reads the secrets under the prefix) and a task role per service type (what its containers themselves may call):
 * {@code data-collector} and {@code freqtrade} mount the collector's file system through its access point (market
 * data, trade state); {@code monitor} reads its config prefix, lets Grafana read CloudWatch
 * ({@code cloudwatch:GetMetricData}, {@code ListMetrics}) and remote-writes to the AMP workspace when one is set. No
 * bot or collector can read CloudWatch or the monitor's files. The control plane gets them as
 * {@code QUANTS_INFRA_SERVICE_TASK_ROLE_ARNS}; the shared task role ({@code QUANTS_INFRA_TASK_ROLE_ARN}) stays for a
 * type without its own.
 */
public final class InstanceRoles extends Construct {
    private final Role executionRole;
    private final Role taskRole;
    private final Map<String, Role> serviceTaskRoles = new java.util.TreeMap<>();

    /**
     * @param logGroups the services' log groups (the awslogs driver writes there)
     * @param secretPrefix Secrets Manager name prefix of the secrets task definitions reference
     * @param secretsKey KMS key those secrets are encrypted with
     * @param monitorBucket bucket the monitor's config-sync reads
     * @param monitorPrefix key prefix it reads, ending in {@code /}
     * @param fileSystem the collector's file system, or {@code null}
     * @param accessPoint the access point collectors mount, or {@code null}
     * @param ampWorkspaceArn the Amazon Managed Service for Prometheus workspace the monitor remote-writes to, or
     *        {@code null}
     */
    public record Props(List<ILogGroup> logGroups, String secretPrefix, IKey secretsKey, IBucket monitorBucket,
                        String monitorPrefix, IFileSystem fileSystem, IAccessPoint accessPoint, String ampWorkspaceArn) {
        public Props {
            if (logGroups.isEmpty()) {
                throw new QuantsInfraCdkException("the execution role needs the services' log groups");
            }
            if ((fileSystem == null) != (accessPoint == null)) {
                throw new QuantsInfraCdkException("the collector's file system and access point go together");
            }
            if (!monitorPrefix.endsWith("/")) {
                throw new QuantsInfraCdkException("the monitor prefix ends with '/', got '" + monitorPrefix + "'");
            }
            logGroups = List.copyOf(logGroups);
        }
    }

    public InstanceRoles(Construct scope, String id, Props props) {
        super(scope, id);
        executionRole = Role.Builder.create(this, "ExecutionRole")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description("quants-infra task execution role: pull images, write logs, read secrets under "
                        + props.secretPrefix())
                .build();
        // GetAuthorizationToken has no resource-level permission; pulls are limited to this account's repositories.
        executionRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("EcrLogin")
                .actions(List.of("ecr:GetAuthorizationToken")).resources(List.of("*")).build());
        executionRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("EcrPullOwnRepositories")
                .actions(List.of("ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"))
                .resources(List.of(Arns.of("ecr", "repository/*"))).build());
        props.logGroups().forEach(g -> g.grantWrite(executionRole));
        executionRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("ReadSecretsUnderPrefix")
                .actions(List.of("secretsmanager:GetSecretValue"))
                .resources(List.of(Arns.secrets(props.secretPrefix()))).build());
        executionRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("DecryptSecretsThroughSecretsManager")
                .actions(List.of("kms:Decrypt")).resources(List.of(props.secretsKey().getKeyArn()))
                .conditions(Map.of("StringEquals", Map.of("kms:ViaService", "secretsmanager." + Aws.REGION + ".amazonaws.com")))
                .build());
        Nag.acknowledge(executionRole.getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5",
                "ecr:GetAuthorizationToken has no resource-level permission. Images are chosen per deploy, so pulls are "
                        + "allowed from any of this account's ECR repositories (public images need no permission). Secrets "
                        + "are named by users under the prefix and their ARNs end in a random suffix.",
                "Resource::*", Arns.nagResource("ecr", "repository/*"),
                Arns.nagResource("secretsmanager", "secret:" + props.secretPrefix() + "*"));

        taskRole = Role.Builder.create(this, "TaskRole")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description("quants-infra task role: read the monitor's configuration, mount the collector's file system")
                .build();
        taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("MonitorConfigList")
                .actions(List.of("s3:ListBucket")).resources(List.of(props.monitorBucket().getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(props.monitorPrefix(), props.monitorPrefix() + "*"))))
                .build());
        taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("MonitorConfigRead")
                .actions(List.of("s3:GetObject")).resources(List.of(props.monitorBucket().arnForObjects(props.monitorPrefix() + "*")))
                .build());
        if (props.fileSystem() != null) {
            taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("CollectorFileSystemThroughAccessPoint")
                    .actions(List.of("elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"))
                    .resources(List.of(props.fileSystem().getFileSystemArn()))
                    .conditions(Map.of("StringEquals", Map.of("elasticfilesystem:AccessPointArn", props.accessPoint().getAccessPointArn())))
                    .build());
        }
        Nag.acknowledge(taskRole.getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5",
                "The monitor's config-sync mirrors every file under the monitor prefix (prometheus.yml, rules, "
                        + "targets/<job>.json), whose names are chosen at run time.",
                "/^Resource::<[A-Za-z0-9]+\\.Arn>\\/" + props.monitorPrefix().replace("/", "\\/") + "\\*$/");
        if (props.fileSystem() != null) {
            serviceTaskRoles.put("data-collector", fileSystemRole("DataCollectorTaskRole", "data-collector", props));
            serviceTaskRoles.put("freqtrade", fileSystemRole("FreqtradeTaskRole", "freqtrade (trade state)", props));
        }
        serviceTaskRoles.put("monitor", monitorRole(props));
    }

    private Role fileSystemRole(String id, String what, Props props) {
        Role role = Role.Builder.create(this, id)
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description("quants-infra " + what + " task role: mount the collector's file system through its access point")
                .build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("FileSystemThroughAccessPoint")
                .actions(List.of("elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"))
                .resources(List.of(props.fileSystem().getFileSystemArn()))
                .conditions(Map.of("StringEquals", Map.of("elasticfilesystem:AccessPointArn", props.accessPoint().getAccessPointArn())))
                .build());
        return role;
    }

    private Role monitorRole(Props props) {
        Role role = Role.Builder.create(this, "MonitorTaskRole")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description("quants-infra monitor task role: read its configuration, Grafana's CloudWatch reads, remote write")
                .build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("MonitorConfigList")
                .actions(List.of("s3:ListBucket")).resources(List.of(props.monitorBucket().getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(props.monitorPrefix(), props.monitorPrefix() + "*"))))
                .build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("MonitorConfigRead")
                .actions(List.of("s3:GetObject")).resources(List.of(props.monitorBucket().arnForObjects(props.monitorPrefix() + "*")))
                .build());
        // Grafana's CloudWatch data source (the bots and instances dashboards); neither action has resource-level permissions.
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("GrafanaCloudWatchRead")
                .actions(List.of("cloudwatch:GetMetricData", "cloudwatch:ListMetrics")).resources(List.of("*")).build());
        if (props.ampWorkspaceArn() != null) {
            // The monitor's Prometheus signs remote_write with the task's credentials (SigV4); this workspace only.
            role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("MonitorRemoteWrite")
                    .actions(List.of("aps:RemoteWrite")).resources(List.of(props.ampWorkspaceArn())).build());
            // Grafana's AMP data source reads the history back (SigV4, same workspace).
            role.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("GrafanaAmpQuery")
                    .actions(List.of("aps:QueryMetrics", "aps:GetSeries", "aps:GetLabels", "aps:GetMetricMetadata"))
                    .resources(List.of(props.ampWorkspaceArn())).build());
        }
        Nag.acknowledge(role.getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5",
                "The monitor's config-sync mirrors every file under the monitor prefix, whose names are chosen at run time; "
                        + "cloudwatch:GetMetricData and ListMetrics have no resource-level permissions (Grafana's dashboards).",
                "Resource::*", "/^Resource::<[A-Za-z0-9]+\\.Arn>\\/" + props.monitorPrefix().replace("/", "\\/") + "\\*$/");
        return role;
    }

    public Role executionRole() {
        return executionRole;
    }

    public Role taskRole() {
        return taskRole;
    }

    /** The task role of each service type that has its own, by catalogue name. */
    public Map<String, Role> serviceTaskRoles() {
        return java.util.Collections.unmodifiableMap(serviceTaskRoles);
    }
}
