package io.quantsinfra.cdk.stacks;

import io.quantsinfra.cdk.constructs.CollectorFileSystem;
import io.quantsinfra.cdk.constructs.InstanceRoles;
import io.quantsinfra.cdk.shared.SharedNames;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecs.CloudMapNamespaceOptions;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.servicediscovery.NamespaceType;
import software.constructs.Construct;

/**
 * Where instances run: the ECS cluster (Container Insights on) with a private Cloud Map namespace for scrape
 * targets, the roles task definitions name, and the data collectors' EFS file system.
 */
public final class InstancesStack extends Stack {
    /** Root of the collectors' access point; collectors write {@code <output_dir>/<instance>} beneath it. */
    static final String COLLECTOR_ROOT = "/data-collector";
    /** POSIX user and group collectors write as. */
    static final int COLLECTOR_UID = 1000;

    private final Cluster cluster;
    private final InstanceRoles roles;
    private final CollectorFileSystem collectorFileSystem;

    /**
     * @param stack the stack's own props
     * @param vpc the network's VPC
     * @param instanceSubnets the instances' subnets
     * @param instanceSecurityGroup the instances' security group
     * @param serviceLogGroups the services' log groups
     * @param secretsKey the secrets' KMS key
     * @param monitorBucket the monitor's configuration bucket
     * @param removal what {@code cdk destroy} does to the file system
     * @param monitorAmpWorkspaceArn the AMP workspace the monitor remote-writes to, or {@code null}
     */
    public record Props(StackProps stack, IVpc vpc, SubnetSelection instanceSubnets, ISecurityGroup instanceSecurityGroup,
                        List<ILogGroup> serviceLogGroups, IKey secretsKey, IBucket monitorBucket, RemovalPolicy removal,
                        String monitorAmpWorkspaceArn) {
    }

    public InstancesStack(Construct scope, String id, Props props) {
        super(scope, id, props.stack());
        cluster = Cluster.Builder.create(this, "Cluster")
                .clusterName(SharedNames.cluster())
                .vpc(props.vpc())
                .containerInsightsV2(ContainerInsights.ENABLED)
                .defaultCloudMapNamespace(CloudMapNamespaceOptions.builder()
                        .name(SharedNames.cluster() + ".internal")
                        .type(NamespaceType.DNS_PRIVATE)
                        .vpc(props.vpc())
                        .useForServiceConnect(false)
                        .build())
                .build();
        collectorFileSystem = new CollectorFileSystem(this, "CollectorData", new CollectorFileSystem.Props(
                props.vpc(), props.instanceSubnets(), props.instanceSecurityGroup(), COLLECTOR_ROOT, COLLECTOR_UID,
                props.removal()));
        roles = new InstanceRoles(this, "Roles", new InstanceRoles.Props(props.serviceLogGroups(), SharedNames.secretPrefix(),
                props.secretsKey(), props.monitorBucket(), DataStack.MONITOR_PREFIX,
                collectorFileSystem.fileSystem(), collectorFileSystem.accessPoint(), props.monitorAmpWorkspaceArn()));
    }

    public Cluster cluster() {
        return cluster;
    }

    public InstanceRoles roles() {
        return roles;
    }

    public CollectorFileSystem collectorFileSystem() {
        return collectorFileSystem;
    }
}
