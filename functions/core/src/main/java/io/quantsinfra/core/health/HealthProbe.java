package io.quantsinfra.core.health;

import java.util.List;

/**
 * Port: probes an instance's health endpoints at one address. {@link HttpHealthProbe} is the
 * real one; tests may pass a lambda that returns canned results.
 *
 * {@snippet :
 * HealthProbe probe = HttpHealthProbe.create();
 * List<EndpointProbe> results = probe.probe("10.0.1.23", endpoints);
 * }
 */
@FunctionalInterface
public interface HealthProbe {

    /**
     * Probes every endpoint at {@code address} and returns one result per endpoint, in order.
     * Never throws for a failed probe: failures are {@link ProbeResult.Failed} or
     * {@link ProbeResult.TimedOut} results.
     *
     * @param address host name or IP address (IPv4, or IPv6 with or without brackets)
     * @param endpoints what to probe
     */
    List<EndpointProbe> probe(String address, List<HealthEndpoint> endpoints);

    /** This probe sending extra headers per endpoint (e.g. a Freqtrade bot's API login); none by default. */
    default HealthProbe withHeaders(java.util.function.Function<HealthEndpoint, java.util.Map<String, String>> headers) {
        return this;
    }
}
