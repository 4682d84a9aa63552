package io.quantsinfra.api.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.api.ApiHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * Serves the Lambda handler over plain HTTP on loopback, turning each request into the API Gateway
 * HTTP API (payload 2.0) event that AWS would deliver, so local mode runs the very code path Lambda runs.
 * With a built site it also serves the docs and ops console on the same origin (GET and HEAD of anything
 * outside {@code /v1}, {@code /health} and {@code /openapi.yml}), behind the same Host/Origin guard.
 */
public final class ApiGatewayBridge implements AutoCloseable {
    private static final int MAX_BODY = 1 << 20;
    private final HttpServer server;
    private final LocalRequestGuard guard;
    private final java.util.Optional<SiteFiles> site;
    private volatile ApiHandler handler;

    private ApiGatewayBridge(HttpServer server, java.util.Optional<SiteFiles> site) {
        this.server = server;
        this.site = site;
        this.guard = new LocalRequestGuard(server.getAddress().getPort());
    }

    /** Starts serving {@code handler} on {@code host:port} (port 0 = any free port). */
    public static ApiGatewayBridge start(ApiHandler handler, String host, int port) throws IOException {
        return bind(host, port, java.util.Optional.empty()).serve(handler);
    }

    /**
     * Binds {@code host:port} (port 0 = any free port) without answering yet, so the caller can learn the port
     * (local mode's docs URL) before it builds the handler; {@link #serve} starts answering.
     */
    public static ApiGatewayBridge bind(String host, int port, java.util.Optional<SiteFiles> site) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        ApiGatewayBridge bridge = new ApiGatewayBridge(server, site);
        server.createContext("/", bridge::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        return bridge;
    }

    /** Starts answering with {@code api}. */
    public ApiGatewayBridge serve(ApiHandler api) {
        this.handler = api;
        server.start();
        return this;
    }

    /** The site served beside the API, if any. */
    public java.util.Optional<SiteFiles> site() {
        return site;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            java.util.Optional<String> refused = guard.refusal(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), only(exchange, "Host"), only(exchange, "Origin"));
            if (refused.isPresent()) {
                respond(exchange, 403, "application/problem+json",
                        "{\"type\":\"https://quants-infra.dev/problems/forbidden\",\"title\":\"Forbidden\","
                                + "\"status\":403,\"detail\":\"" + refused.get() + "\"}");
                return;
            }
            String method = exchange.getRequestMethod();
            if (site.isPresent() && (method.equals("GET") || method.equals("HEAD"))
                    && SiteFiles.isSitePath(exchange.getRequestURI().getPath())) {
                SiteFiles.Answer page = site.get().answer(exchange.getRequestURI().getRawPath());
                page.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                exchange.getResponseHeaders().set("Content-Type", page.contentType());
                boolean head = method.equals("HEAD");
                exchange.sendResponseHeaders(page.status(), head ? -1 : page.body().length);
                if (!head) {
                    try (OutputStream os = exchange.getResponseBody()) {
                        os.write(page.body());
                    }
                }
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                respond(exchange, 413, "application/problem+json",
                        "{\"type\":\"https://quants-infra.dev/problems/invalid-input\",\"title\":\"Payload Too Large\","
                                + "\"status\":413,\"detail\":\"request bodies are limited to 1 MiB\"}");
                return;
            }
            APIGatewayV2HTTPResponse response = handler.handleRequest(event(exchange, body),
                    new LocalLambdaContext(UUID.randomUUID().toString()));
            byte[] out = response.getBody() == null ? new byte[0]
                    : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                    : response.getBody().getBytes(StandardCharsets.UTF_8);
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            }
            if (response.getMultiValueHeaders() != null) {
                response.getMultiValueHeaders().forEach((k, v) -> exchange.getResponseHeaders().put(k, v));
            }
            exchange.sendResponseHeaders(response.getStatusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (RuntimeException e) {
            respond(exchange, 500, "application/problem+json",
                    "{\"type\":\"https://quants-infra.dev/problems/internal-error\",\"title\":\"Internal Server Error\","
                            + "\"status\":500,\"detail\":\"local mode failed to hand the request to the API handler\"}");
        }
    }

    /** The header's one value; null when absent, and a value matching nothing when it was sent twice. */
    private static String only(HttpExchange exchange, String name) {
        List<String> values = exchange.getRequestHeaders().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.getFirst() : "";
    }

    static APIGatewayV2HTTPEvent event(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((k, v) -> {
            if (k.equalsIgnoreCase("cookie")) {
                cookies.addAll(v);
            } else {
                headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v));
            }
        });
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        Instant now = Instant.now();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(query == null ? "" : query)
                .withQueryStringParameters(queryParameters(query))
                .withHeaders(headers)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(UUID.randomUUID().toString())
                        .withRouteKey("$default")
                        .withStage("$default")
                        .withTimeEpoch(now.toEpochMilli())
                        .withTime(now.toString())
                        .withDomainName("127.0.0.1")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(exchange.getRequestMethod())
                                .withPath(path)
                                .withProtocol(exchange.getProtocol())
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .withUserAgent(headers.getOrDefault("user-agent", ""))
                                .build())
                        .build())
                .build();
    }

    private static Map<String, String> queryParameters(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.merge(k, v, (a, b) -> a + "," + b);
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
