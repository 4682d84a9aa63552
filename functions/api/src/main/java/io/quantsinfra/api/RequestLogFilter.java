package io.quantsinfra.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Assigns the request id, puts it in the logging context, and logs one structured line per request:
 * method, path, status, milliseconds. Never headers or bodies.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestLogFilter {
    private static final Logger LOG = LoggerFactory.getLogger("quants-infra.access");
    private static final String STARTED = "quants-infra.started";

    @RequestFilter
    void start(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
        MDC.put("requestId", RequestIds.of(request));
    }

    @ResponseFilter
    void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = RequestIds.of(request);
        response.header(RequestIds.HEADER, id);
        long started = request.getAttribute(STARTED, Long.class).orElse(System.nanoTime());
        long ms = (System.nanoTime() - started) / 1_000_000;
        MDC.put("requestId", id);
        try {
            LOG.info("{} {} {} {}ms", request.getMethodName(), request.getPath(), response.code(), ms);
        } finally {
            MDC.remove("requestId");
        }
    }
}
