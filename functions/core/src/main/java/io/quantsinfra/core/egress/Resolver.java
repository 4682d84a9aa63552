package io.quantsinfra.core.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Port: resolves a host name to every address it has. {@link #SYSTEM} uses {@link InetAddress#getAllByName}, which
 * goes through the JVM's address cache — the same cache {@code java.net.http} reads a moment later when it connects,
 * which is what keeps the check-then-connect window small (see docs/alerting.md, "Outbound guard").
 */
@FunctionalInterface
public interface Resolver {
    Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
