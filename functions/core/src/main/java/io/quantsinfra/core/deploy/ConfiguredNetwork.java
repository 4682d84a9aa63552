package io.quantsinfra.core.deploy;

import io.quantsinfra.core.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Hosts over the configured subnets, whose availability zones come with the configuration
 * ({@code QUANTS_INFRA_SUBNETS=subnet-a=us-east-1a,subnet-b=us-east-1b}), so placing an instance needs no
 * AWS call. A host is an AZ name (every configured subnet in it) or one of the configured subnet ids.
 *
 * {@snippet :
 * NetworkDirectory net = new ConfiguredNetwork(Map.of("subnet-a", "us-east-1a", "subnet-b", "us-east-1b"));
 * net.resolve("us-east-1a");   // Placement[host=us-east-1a, subnets=[subnet-a]]
 * }
 */
public final class ConfiguredNetwork implements NetworkDirectory {
    private final Map<String, String> azBySubnet;

    public ConfiguredNetwork(Map<String, String> azBySubnet) {
        if (azBySubnet.isEmpty()) {
            throw new IllegalArgumentException("at least one subnet is needed");
        }
        this.azBySubnet = new TreeMap<>(azBySubnet);
    }

    @Override
    public Placement resolve(String host) {
        if (host == null || host.isBlank()) {
            throw new InvalidInputException("hosts", "a host must not be empty");
        }
        if (azBySubnet.containsKey(host)) {
            return new Placement(host, List.of(host));
        }
        List<String> inAz = azBySubnet.entrySet().stream().filter(e -> e.getValue().equals(host)).map(Map.Entry::getKey).toList();
        if (!inAz.isEmpty()) {
            return new Placement(host, inAz);
        }
        throw new InvalidInputException("hosts", "unknown host '" + InstanceId.printable(host)
                + "'; a host is an availability zone (" + String.join(", ", new TreeSet<>(azBySubnet.values()))
                + ") or a configured subnet (" + String.join(", ", azBySubnet.keySet()) + ")");
    }

    @Override
    public Placement spread() {
        return new Placement("spread", List.copyOf(azBySubnet.keySet()));
    }

    @Override
    public String describe(Placement placement) {
        if (placement.subnets().equals(spread().subnets())) {
            return "spread";
        }
        TreeSet<String> azs = new TreeSet<>();
        placement.subnets().forEach(s -> azs.add(azBySubnet.getOrDefault(s, s)));
        if (azs.size() == 1) {
            String az = azs.first();
            long inAz = azBySubnet.values().stream().filter(az::equals).count();
            return inAz == placement.subnets().size() ? az : String.join("+", placement.subnets());
        }
        return String.join("+", azs);
    }
}
