package io.quantsinfra.site.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loopback stand-in for {@code cognito-idp.<region>.amazonaws.com} and {@code cognito-identity.<region>.amazonaws.com}:
 * forwards Cognito's JSON protocol to the emulator (moto), answers the browser's CORS preflight as Cognito does,
 * refuses identity calls whose {@code Logins} do not carry an ID token the user pool issued, and records the
 * temporary credentials handed out so {@link SigV4Gateway} can verify signatures made with them.
 */
public final class CognitoFront implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final HttpServer server;
    private final URI emulator;
    private final String provider;
    private final String userPoolId;
    private final Map<String, IssuedCredentials> issued = new ConcurrentHashMap<>();

    /** Temporary credentials the identity pool issued, by access key id. */
    public record IssuedCredentials(String accessKeyId, String secretKey, String sessionToken) {
        @Override
        public String toString() {
            return "IssuedCredentials[" + accessKeyId + ", <secret>]";
        }
    }

    public CognitoFront(URI emulator, String region, String userPoolId) throws IOException {
        this.emulator = emulator;
        this.userPoolId = userPoolId;
        this.provider = "cognito-idp." + region + ".amazonaws.com/" + userPoolId;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public Map<String, IssuedCredentials> issued() {
        return Map.copyOf(issued);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            var h = ex.getResponseHeaders();
            h.add("Access-Control-Allow-Origin", "*");
            if (ex.getRequestMethod().equals("OPTIONS")) {
                h.add("Access-Control-Allow-Methods", "POST");
                h.add("Access-Control-Allow-Headers", "content-type, x-amz-target, x-amz-user-agent");
                h.add("Access-Control-Max-Age", "600");
                ex.sendResponseHeaders(204, -1);
                return;
            }
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] body = ex.getRequestBody().readAllBytes();
            if (target == null || !ex.getRequestMethod().equals("POST")) {
                send(ex, 400, "{\"__type\":\"UnknownOperationException\"}");
                return;
            }
            if (target.startsWith("AWSCognitoIdentityService.") && !loginsValid(JSON.readTree(body))) {
                send(ex, 400, "{\"__type\":\"NotAuthorizedException\",\"message\":\"Invalid login token.\"}");
                return;
            }
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(emulator)
                    .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", target)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && target.endsWith(".GetCredentialsForIdentity")) {
                JsonNode c = JSON.readTree(r.body()).path("Credentials");
                issued.put(c.path("AccessKeyId").asText(), new IssuedCredentials(c.path("AccessKeyId").asText(),
                        c.path("SecretKey").asText(), c.path("SessionToken").asText()));
            }
            send(ex, r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The identity pool only trusts an ID token of its user pool: {@code Logins} names the pool, the token says so. */
    private boolean loginsValid(JsonNode request) throws IOException {
        String token = request.path("Logins").path(provider).asText("");
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        return claims.path("iss").asText().endsWith("/" + userPoolId) && claims.path("token_use").asText().equals("id");
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
