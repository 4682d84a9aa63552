package io.quantsinfra.core.deploy;

import java.util.List;

/**
 * Where an instance's task may run: the subnets of its awsvpc configuration, and the host it was asked
 * for (an AZ name, a subnet id, or {@code "*"} for spread over every configured subnet).
 */
public record Placement(String host, List<String> subnets) {
    public Placement {
        subnets = subnets.stream().sorted().distinct().toList();
    }
}
