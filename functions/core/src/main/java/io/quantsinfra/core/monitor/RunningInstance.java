package io.quantsinfra.core.monitor;

import io.quantsinfra.core.deploy.InstanceId;
import java.util.List;
import java.util.Objects;

/**
 * A running task of an instance quants-infra deployed, as the platform reports it now: its private address and
 * the container ports of its task definition (the first is the service's own port, for the data-collector its
 * metrics port). Addresses change whenever the task is replaced, so they are read, never stored.
 *
 * {@snippet :
 * RunningInstance r = new RunningInstance(InstanceId.parse("data-collector-1"), "10.42.1.10", List.of(9090));
 * }
 */
public record RunningInstance(InstanceId id, String address, List<Integer> ports) {
    public RunningInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        ports = List.copyOf(ports);
    }
}
