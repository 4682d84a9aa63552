package io.quantsinfra.core.health;

import java.util.List;
import java.util.Objects;

/**
 * The result of probing one {@link HealthEndpoint}.
 *
 * {@snippet :
 * List<EndpointProbe> none = EndpointProbe.notProbed(endpoints, "no running task has a reachable address");
 * }
 *
 * @param endpoint what was (or would have been) probed
 * @param result what happened
 */
public record EndpointProbe(HealthEndpoint endpoint, ProbeResult result) {

    public EndpointProbe {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(result, "result");
    }

    /** Marks every endpoint as not probed, for when there is no address to send requests to. */
    public static List<EndpointProbe> notProbed(List<HealthEndpoint> endpoints, String reason) {
        ProbeResult.NotProbed result = new ProbeResult.NotProbed(reason);
        return endpoints.stream().map(e -> new EndpointProbe(e, result)).toList();
    }

    /** How the endpoint is named in messages, e.g. {@code freqtrade :8080/api/v1/health}. */
    public String label() {
        return endpoint.component() + " :" + endpoint.port() + endpoint.path();
    }
}
