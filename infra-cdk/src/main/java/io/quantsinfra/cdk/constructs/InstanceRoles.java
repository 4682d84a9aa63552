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
 * reads the secrets under the prefix) and the task role (what the containers themselves may call: the
 * monitor's config bucket, the collector's file system through its access point).
 *
 * <p>One task role serves every service type, because the control plane passes one
 * ({@code QUANTS_INFRA_TASK_ROLE_ARN}); per-type roles need a variable per type in {@code functions/} first.
 */
public final class InstanceRoles extends Construct {
    private final Role executionRole;
    private final Role taskRole;

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
        if (props.ampWorkspaceArn() != null) {
            // The monitor's Prometheus signs remote_write with the task's credentials (SigV4); this workspace only.
            taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("MonitorRemoteWrite")
                    .actions(List.of("aps:RemoteWrite")).resources(List.of(props.ampWorkspaceArn())).build());
        }
        Nag.acknowledge(taskRole.getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5",
                "The monitor's config-sync mirrors every file under the monitor prefix (prometheus.yml, rules, "
                        + "targets/<job>.json), whose names are chosen at run time.",
                "/^Resource::<[A-Za-z0-9]+\\.Arn>\\/" + props.monitorPrefix().replace("/", "\\/") + "\\*$/");
    }

    public Role executionRole() {
        return executionRole;
    }

    public Role taskRole() {
        return taskRole;
    }
}
