package io.quantsinfra.cdk.stacks;

import io.quantsinfra.cdk.config.NetworkConfig;
import io.quantsinfra.cdk.config.NetworkMode;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.amazon.awscdk.services.logs.LogGroup;
import io.quantsinfra.cdk.config.LogRetention;
import software.constructs.Construct;

/**
 * The network instances run in: a VPC over at least two AZs (new, or imported without a lookup), the
 * subnets instances use, and the security groups. Instances accept connections only from each other (the
 * monitor scrapes instances) and from the control plane (HTTP health probes); nothing else comes in.
 */
public final class NetworkStack extends Stack {
    private final IVpc vpc;
    private final SubnetSelection instanceSubnets;
    private final SecurityGroup instanceSecurityGroup;
    private final SecurityGroup controlPlaneSecurityGroup;

    /**
     * @param stack the stack's own props (name, environment)
     * @param network the VPC configuration
     * @param logRetention retention of the VPC flow logs
     * @param removal what {@code cdk destroy} does to the flow logs
     */
    public record Props(StackProps stack, NetworkConfig network, LogRetention logRetention, RemovalPolicy removal) {
    }

    public NetworkStack(Construct scope, String id, Props props) {
        super(scope, id, props.stack());
        NetworkConfig net = props.network();
        boolean gateway = net.mode() == NetworkMode.GATEWAY;
        SubnetType instanceType = gateway ? SubnetType.PRIVATE_WITH_EGRESS : SubnetType.PUBLIC;
        if (net.imported() != null) {
            // The CIDR is the outbound guard's "own range" (QUANTS_INFRA_VPC_CIDRS): vpcCidr must be the imported VPC's.
            VpcAttributes.Builder attrs = VpcAttributes.builder().vpcId(net.imported().vpcId())
                    .availabilityZones(net.imported().availabilityZones()).vpcCidrBlock(net.vpcCidr());
            if (gateway) {
                attrs.privateSubnetIds(net.imported().instanceSubnetIds());
            } else {
                attrs.publicSubnetIds(net.imported().instanceSubnetIds());
            }
            vpc = Vpc.fromVpcAttributes(this, "Vpc", attrs.build());
            // CDK warns that imported subnets have no route table ids; this app adds no routes or endpoints to a
            // VPC it does not own, so it never reads them.
            java.util.stream.Stream.of(vpc.getPrivateSubnets(), vpc.getPublicSubnets()).flatMap(List::stream)
                    .forEach(subnet -> Annotations.of(subnet).acknowledgeWarning("@aws-cdk/aws-ec2:noSubnetRouteTableId",
                            "No routes or endpoints are added to an imported VPC."));
        } else {
            vpc = newVpc(net, gateway, props);
        }
        instanceSubnets = SubnetSelection.builder().subnetType(instanceType).build();

        instanceSecurityGroup = SecurityGroup.Builder.create(this, "InstanceSecurityGroup").vpc(vpc)
                .description("quants-infra instances: inbound only from instances (monitor scrapes) and the control plane "
                        + "(health probes); outbound to exchanges, registries and AWS")
                .allowAllOutbound(true)
                .build();
        // Ports are per deploy (overrides accept 1-65535), so the rule names the peers, not the ports.
        instanceSecurityGroup.addIngressRule(instanceSecurityGroup, Port.allTcp(), "monitor scrapes instances");
        if (net.lambdasInVpc()) {
            controlPlaneSecurityGroup = SecurityGroup.Builder.create(this, "ControlPlaneSecurityGroup").vpc(vpc)
                    .description("quants-infra control-plane Lambdas: HTTPS to AWS APIs, health probes to instances")
                    .allowAllOutbound(false)
                    .build();
            controlPlaneSecurityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "AWS APIs through NAT and gateway endpoints");
            instanceSecurityGroup.getConnections().allowFrom(controlPlaneSecurityGroup, Port.allTcp(), "control plane health probes");
        } else {
            controlPlaneSecurityGroup = null;
        }
    }

    private Vpc newVpc(NetworkConfig net, boolean gateway, Props props) {
        LogGroup flowLogs = LogGroup.Builder.create(this, "FlowLogs").retention(props.logRetention().retentionDays())
                .removalPolicy(props.removal()).build();
        List<SubnetConfiguration> subnets = gateway
                ? List.of(SubnetConfiguration.builder().name("Public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
                        SubnetConfiguration.builder().name("Instances").subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(20).build())
                : List.of(SubnetConfiguration.builder().name("Instances").subnetType(SubnetType.PUBLIC).cidrMask(20)
                        .mapPublicIpOnLaunch(false).build());
        Vpc v = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr(net.vpcCidr()))
                .maxAzs(net.maxAzs())
                .natGateways(gateway ? net.natGateways() : 0)
                .subnetConfiguration(subnets)
                .restrictDefaultSecurityGroup(true)
                // S3 and DynamoDB through free gateway endpoints: off the NAT's per-GB charge, off the internet.
                .gatewayEndpoints(Map.of(
                        "S3", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build(),
                        "DynamoDb", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.DYNAMODB).build()))
                .flowLogs(Map.of("All", FlowLogOptions.builder().trafficType(FlowLogTrafficType.ALL)
                        .destination(FlowLogDestination.toCloudWatchLogs(flowLogs)).build()))
                .build();
        return v;
    }

    public IVpc vpc() {
        return vpc;
    }

    /** The subnets instances (and the control plane's Lambdas and the collector's file system) use. */
    public SubnetSelection instanceSubnets() {
        return instanceSubnets;
    }

    public SecurityGroup instanceSecurityGroup() {
        return instanceSecurityGroup;
    }

    /** The control-plane Lambdas' security group; {@code null} when they run outside the VPC. */
    public SecurityGroup controlPlaneSecurityGroup() {
        return controlPlaneSecurityGroup;
    }
}
