package io.quantsinfra.cdk.constructs;

import io.quantsinfra.cdk.QuantsInfraCdkException;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.efs.AccessPoint;
import software.amazon.awscdk.services.efs.AccessPointOptions;
import software.amazon.awscdk.services.efs.Acl;
import software.amazon.awscdk.services.efs.FileSystem;
import software.amazon.awscdk.services.efs.LifecyclePolicy;
import software.amazon.awscdk.services.efs.OutOfInfrequentAccessPolicy;
import software.amazon.awscdk.services.efs.PerformanceMode;
import software.amazon.awscdk.services.efs.PosixUser;
import software.amazon.awscdk.services.efs.ThroughputMode;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The data collectors' working store (docs/services.md, "Persistence: EFS"): an encrypted EFS file system
 * reachable only from the instances' security group, refusing unencrypted transport, and one access point
 * (collectors write {@code <output_dir>/<instance>} under its root, as a fixed POSIX user). Files move to
 * Infrequent Access after 30 days unread.
 */
public final class CollectorFileSystem extends Construct {
    private final FileSystem fileSystem;
    private final AccessPoint accessPoint;

    /**
     * @param vpc the VPC
     * @param subnets subnets for mount targets (the instances' subnets, one per AZ)
     * @param clients security group of the tasks that mount it
     * @param path root directory of the access point, absolute
     * @param uid POSIX user and group the collectors write as
     * @param removal what {@code cdk destroy} does to the data
     */
    public record Props(IVpc vpc, SubnetSelection subnets, ISecurityGroup clients, String path, int uid, RemovalPolicy removal) {
        public Props {
            if (!path.startsWith("/") || path.length() < 2 || path.contains("..")) {
                throw new QuantsInfraCdkException("an access point path is absolute and not '/', got '" + path + "'");
            }
            if (uid < 1) {
                throw new QuantsInfraCdkException("collectors do not write as root (uid 0); got uid " + uid);
            }
        }
    }

    public CollectorFileSystem(Construct scope, String id, Props props) {
        super(scope, id);
        SecurityGroup sg = SecurityGroup.Builder.create(this, "SecurityGroup").vpc(props.vpc())
                .description("quants-infra collector file system: NFS from instances only").allowAllOutbound(false).build();
        sg.addIngressRule(props.clients(), Port.tcp(2049), "NFS from quants-infra instances");
        PolicyDocument policy = PolicyDocument.Builder.create().statements(List.of(
                PolicyStatement.Builder.create().sid("DenyUnencryptedTransport").effect(Effect.DENY)
                        .principals(List.of(new AnyPrincipal()))
                        .actions(List.of("elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite",
                                "elasticfilesystem:ClientRootAccess"))
                        .resources(List.of("*"))
                        .conditions(Map.of("Bool", Map.of("aws:SecureTransport", "false"))).build())).build();
        fileSystem = FileSystem.Builder.create(this, "FileSystem")
                .vpc(props.vpc())
                .vpcSubnets(props.subnets())
                .securityGroup(sg)
                .encrypted(true)
                .performanceMode(PerformanceMode.GENERAL_PURPOSE)
                .throughputMode(ThroughputMode.BURSTING)
                .lifecyclePolicy(LifecyclePolicy.AFTER_30_DAYS)
                .outOfInfrequentAccessPolicy(OutOfInfrequentAccessPolicy.AFTER_1_ACCESS)
                .enableAutomaticBackups(true)
                // With a file system policy in place EFS refuses every client the policies do not allow, so only IAM
                // principals whose own policy allows it (the task role, through the access point) can mount.
                // allowAnonymousAccess(false) would instead add CDK's default: write and root access for any
                // principal that comes through a mount target.
                .allowAnonymousAccess(true)
                .fileSystemPolicy(policy)
                .removalPolicy(props.removal())
                .build();
        String uid = Integer.toString(props.uid());
        accessPoint = fileSystem.addAccessPoint("AccessPoint", AccessPointOptions.builder()
                .path(props.path())
                .posixUser(PosixUser.builder().uid(uid).gid(uid).build())
                .createAcl(Acl.builder().ownerUid(uid).ownerGid(uid).permissions("750").build())
                .build());
    }

    public FileSystem fileSystem() {
        return fileSystem;
    }

    public AccessPoint accessPoint() {
        return accessPoint;
    }
}
