package io.quantsinfra.cdk.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The network: a new VPC ({@code vpcCidr}, {@code maxAzs}, {@code natGateways}) or an imported one
 * ({@code imported}), in a {@link NetworkMode}.
 *
 * @param mode gateway (NAT, private subnets) or none (public subnets, public IPs for tasks)
 * @param natGateways NAT gateways in gateway mode (1 is cheapest; one per AZ survives an AZ outage)
 * @param maxAzs availability zones of a new VPC, at least 2
 * @param vpcCidr IPv4 range of a new VPC
 * @param imported the existing VPC to use, or {@code null} to create one
 */
public record NetworkConfig(NetworkMode mode, int natGateways, int maxAzs, String vpcCidr, ImportedVpc imported) {
    static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(1[6-9]|2[0-4])");

    public NetworkConfig {
        if (mode == NetworkMode.GATEWAY && imported == null && (natGateways < 1 || natGateways > maxAzs)) {
            throw new InvalidContextException(AppConfig.NAT_GATEWAYS, "must be from 1 to maxAzs (" + maxAzs + "), got " + natGateways);
        }
    }

    /** Whether tasks get public IPs ({@code QUANTS_INFRA_ASSIGN_PUBLIC_IP}). */
    public boolean assignPublicIp() {
        return mode == NetworkMode.NONE;
    }

    /** Whether the control plane's Lambdas run inside the VPC (they need NAT to reach AWS APIs from there). */
    public boolean lambdasInVpc() {
        return mode == NetworkMode.GATEWAY;
    }

    /**
     * An existing VPC, imported without a lookup (synth stays offline).
     *
     * @param vpcId the VPC
     * @param availabilityZones its AZs, at least 2, in the order of {@code instanceSubnetIds}
     * @param instanceSubnetIds subnets instances (and, in gateway mode, the API Lambda and EFS) use, one per AZ:
     *                          private subnets with a NAT route in gateway mode, public subnets in none mode
     */
    public record ImportedVpc(String vpcId, List<String> availabilityZones, List<String> instanceSubnetIds) {
        static final Pattern VPC_ID = Pattern.compile("vpc-[0-9a-f]{8,17}");
        static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8,17}");
        static final Pattern AZ = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d[a-z]");

        public ImportedVpc {
            if (!VPC_ID.matcher(vpcId).matches()) {
                throw new InvalidContextException(AppConfig.VPC_ID, "must look like vpc-0123456789abcdef0, got '" + vpcId + "'");
            }
            if (availabilityZones.size() < 2 || availabilityZones.stream().anyMatch(a -> !AZ.matcher(a).matches())) {
                throw new InvalidContextException(AppConfig.VPC_AVAILABILITY_ZONES,
                        "needs at least 2 availability zones like us-east-1a with vpcId, got " + availabilityZones);
            }
            if (instanceSubnetIds.size() != availabilityZones.size()
                    || instanceSubnetIds.stream().anyMatch(s -> !SUBNET_ID.matcher(s).matches())) {
                throw new InvalidContextException(AppConfig.INSTANCE_SUBNET_IDS,
                        "needs one subnet id (subnet-...) per availability zone, in the same order, got " + instanceSubnetIds);
            }
            availabilityZones = List.copyOf(availabilityZones);
            instanceSubnetIds = List.copyOf(instanceSubnetIds);
        }
    }
}
