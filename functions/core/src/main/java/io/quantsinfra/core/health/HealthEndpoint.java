package io.quantsinfra.core.health;

/**
 * An HTTP endpoint of an instance that the health probe calls, and how to read its answer.
 *
 * @param component which part answers, e.g. {@code freqtrade}, {@code prometheus}, {@code grafana}
 * @param port container port
 * @param path request path, e.g. {@code /api/v1/health}
 * @param reading how the body is judged
 */
public record HealthEndpoint(String component, int port, String path, Reading reading) {

    /** How a probe answer is judged. */
    public enum Reading {
        /** Any 2xx is healthy. */
        HTTP_OK,
        /** Freqtrade's {@code /api/v1/health}: 2xx and a {@code last_process} that is not stale. */
        FREQTRADE_LAST_PROCESS,
        /** A Prometheus metrics page: 2xx with at least one sample line. */
        PROMETHEUS_METRICS
    }
}
