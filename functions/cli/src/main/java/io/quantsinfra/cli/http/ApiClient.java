package io.quantsinfra.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantsinfra.cli.CliException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The CLI's client of the quants-infra API: JSON in and out, problem+json errors turned into
 * {@link CliException}s with the DESIGN.md exit codes, SigV4 signing when the endpoint is not loopback.
 */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI endpoint;
    private final HttpClient http;
    private final RequestSigner signer;
    private final String actor;

    public ApiClient(URI endpoint, RequestSigner signer, String actor) {
        this.endpoint = endpoint;
        this.signer = signer;
        this.actor = actor;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    public JsonNode get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    public JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    public JsonNode delete(String pathAndQuery) {
        return send("DELETE", pathAndQuery, null);
    }

    private JsonNode send(String method, String pathAndQuery, Object body) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new CliException(CliException.INVALID, "cannot encode the request: " + e.getMessage());
        }
        URI uri = URI.create(endpoint.toString().replaceAll("/+$", "") + pathAndQuery);
        Map<String, String> headers = new java.util.TreeMap<>();
        headers.put("Accept", "application/json, application/problem+json");
        headers.put("X-Quants-Infra-Actor", actor);
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        headers = signer.sign(method, uri, headers, bytes);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase("content-length")) {
                b.header(k, v);
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new CliException(CliException.CONNECTION, "cannot reach the quants-infra API at " + endpoint
                    + (isLoopback(endpoint) ? " — is local mode running? Start it with './quants-infra local'" : ""));
        } catch (HttpTimeoutException e) {
            throw new CliException(CliException.TIMEOUT, "the quants-infra API at " + endpoint + " did not answer in time");
        } catch (IOException e) {
            throw new CliException(CliException.CONNECTION, "talking to the quants-infra API at " + endpoint + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.FAILED, "interrupted");
        }
        return read(response);
    }

    private static JsonNode read(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        JsonNode node;
        try {
            node = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            if (status / 100 == 2) {
                throw new CliException(CliException.FAILED, "the API answered " + status + " with a body that is not JSON");
            }
            node = JSON.createObjectNode();
        }
        if (status / 100 == 2) {
            return node;
        }
        String detail = node.path("detail").asText("");
        if (detail.isEmpty()) {
            detail = "the API answered HTTP " + status
                    + (response.body().length > 0 ? ": " + new String(response.body(), StandardCharsets.UTF_8).lines().findFirst().orElse("") : "");
        }
        String requestId = node.path("requestId").asText("");
        if (status >= 500 && !requestId.isEmpty() && !detail.contains(requestId)) {
            detail = detail + " (request id " + requestId + ")";
        }
        throw new CliException(exitCode(status), detail);
    }

    /** 400/409/other 4xx → 2, 404 → 3, 502 → 4, 504 → 5, 403 → 4 (not allowed), anything else → 1. */
    static int exitCode(int status) {
        return switch (status) {
            case 404 -> CliException.NOT_FOUND;
            case 401, 403, 502, 503 -> CliException.CONNECTION;
            case 504 -> CliException.TIMEOUT;
            default -> status >= 400 && status < 500 ? CliException.INVALID : CliException.FAILED;
        };
    }

    static boolean isLoopback(URI uri) {
        return ApiEndpoint.isLoopbackHost(uri.getHost());
    }

    /** Shared JSON mapper for commands. */
    public static ObjectMapper json() {
        return JSON;
    }
}
