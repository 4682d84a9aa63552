package io.quantsinfra.aws.ec2;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.NetworkDirectory;
import io.quantsinfra.core.deploy.Placement;
import io.quantsinfra.core.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;

/**
 * Hosts over the configured subnets: a host is an AZ name (every configured subnet in that AZ) or one of
 * the configured subnet ids. The subnets' AZs are read once with DescribeSubnets and cached.
 */
public final class Ec2Network implements NetworkDirectory {
    private final Ec2Client ec2;
    private final List<String> subnets;
    private volatile Map<String, String> azBySubnet;

    public Ec2Network(Ec2Client ec2, List<String> subnets) {
        this.ec2 = ec2;
        this.subnets = List.copyOf(subnets);
    }

    private Map<String, String> azBySubnet() {
        Map<String, String> m = azBySubnet;
        if (m == null) {
            List<Subnet> found = AwsErrors.call("describe the configured subnets " + subnets,
                    () -> ec2.describeSubnets(r -> r.subnetIds(subnets)).subnets());
            m = new TreeMap<>();
            for (Subnet s : found) {
                m.put(s.subnetId(), s.availabilityZone());
            }
            azBySubnet = m;
        }
        return m;
    }

    @Override
    public Placement resolve(String host) {
        if (host == null || host.isBlank()) {
            throw new InvalidInputException("hosts", "a host must not be empty");
        }
        Map<String, String> known = azBySubnet();
        if (known.containsKey(host)) {
            return new Placement(host, List.of(host));
        }
        List<String> inAz = known.entrySet().stream().filter(e -> e.getValue().equals(host)).map(Map.Entry::getKey).toList();
        if (!inAz.isEmpty()) {
            return new Placement(host, inAz);
        }
        throw new InvalidInputException("hosts", "unknown host '" + InstanceId.printable(host)
                + "'; a host is an availability zone (" + String.join(", ", new TreeSet<>(known.values()))
                + ") or a configured subnet (" + String.join(", ", known.keySet()) + ")");
    }

    @Override
    public Placement spread() {
        return new Placement("spread", subnets);
    }

    @Override
    public String describe(Placement placement) {
        Map<String, String> known = azBySubnet();
        if (placement.subnets().equals(new Placement("", subnets).subnets())) {
            return "spread";
        }
        if (placement.subnets().size() == 1) {
            String s = placement.subnets().getFirst();
            String az = known.get(s);
            List<String> sameAz = known.entrySet().stream().filter(e -> e.getValue().equals(az)).map(Map.Entry::getKey).toList();
            return sameAz.size() == 1 && az != null ? az : s;
        }
        java.util.Set<String> azs = placement.subnets().stream().map(s -> known.getOrDefault(s, s)).collect(Collectors.toCollection(TreeSet::new));
        return String.join("+", azs);
    }
}
