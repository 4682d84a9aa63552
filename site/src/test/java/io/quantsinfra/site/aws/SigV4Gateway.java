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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.regions.Region;

/**
 * Loopback stand-in for API Gateway's IAM authorization in front of local mode's API: every request must carry a
 * SigV4 signature ({@code execute-api}) made with credentials the identity pool issued; the AWS SDK for Java's own
 * signer recomputes it from the request as received and the two must match (and {@code X-Amz-Date} must be within
 * five minutes). The route must be one of the console's ({@code routes.json}: what the authenticated role may
 * invoke). Then the request goes to local mode and its answer comes back with the CORS headers API Gateway adds for
 * the site's origin. Rejections are 403 with API Gateway's messages.
 */
public final class SigV4Gateway implements AutoCloseable {
    /** The headers IamHttpApi's CORS configuration allows (infra-cdk {@code IamHttpApi.SIGV4_HEADERS}). */
    static final String ALLOWED_HEADERS = "authorization, content-type, x-amz-date, x-amz-security-token, "
            + "x-amz-content-sha256, x-request-id";
    private static final Pattern AUTH = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/execute-api/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final HttpServer server;
    private final URI upstream;
    private final String region;
    private final String siteOrigin;
    private final Function<String, CognitoFront.IssuedCredentials> credentials;
    private final List<Pattern> routes = new ArrayList<>();
    private final AtomicInteger verified = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final AtomicInteger deniedRoutes = new AtomicInteger();

    /**
     * @param upstream local mode's API
     * @param routesJson the console's routes (site/.vitepress/theme/console/routes.json)
     * @param credentials the secret of an issued access key id, or {@code null}
     */
    public SigV4Gateway(URI upstream, String region, String siteOrigin, Path routesJson,
                        Function<String, CognitoFront.IssuedCredentials> credentials) throws IOException {
        this.upstream = upstream;
        this.region = region;
        this.siteOrigin = siteOrigin;
        this.credentials = credentials;
        JsonNode file = new ObjectMapper().readTree(routesJson.toFile()).path("routes");
        file.forEach(r -> routes.add(Pattern.compile(Pattern.quote(r.path("method").asText() + r.path("path").asText())
                .replaceAll("\\{\\w+\\}", "\\\\E.*\\\\Q"))));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int verified() {
        return verified.get();
    }

    public int badSignatures() {
        return badSignatures.get();
    }

    public int deniedRoutes() {
        return deniedRoutes.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            var h = ex.getResponseHeaders();
            boolean fromSite = siteOrigin.equals(ex.getRequestHeaders().getFirst("Origin"));
            if (fromSite) {
                h.add("Access-Control-Allow-Origin", siteOrigin);
                h.add("Access-Control-Expose-Headers", "x-request-id");
            }
            if (ex.getRequestMethod().equals("OPTIONS")) {
                if (fromSite) {
                    h.add("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
                    h.add("Access-Control-Allow-Headers", ALLOWED_HEADERS);
                    h.add("Access-Control-Max-Age", "3600");
                }
                ex.sendResponseHeaders(204, -1);
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            String problem = authorize(ex, body);
            if (problem != null) {
                System.err.println("gateway: 403 for " + ex.getRequestMethod() + " " + ex.getRequestURI() + ": " + problem);
                send(ex, 403, "{\"message\":\"" + problem + "\"}");
                return;
            }
            URI target = URI.create(upstream.toString().replaceAll("/$", "") + ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery()));
            HttpRequest.Builder fwd = HttpRequest.newBuilder(target).method(ex.getRequestMethod(), body.length == 0
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                fwd.header("Content-Type", type);
            }
            HttpResponse<byte[]> r = HTTP.send(fwd.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().firstValue("Content-Type").ifPresent(t -> h.add("Content-Type", t));
            r.headers().firstValue("x-request-id").ifPresent(t -> h.add("x-request-id", t));
            ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            if (r.body().length > 0) {
                ex.getResponseBody().write(r.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Null when the request is signed right by an issued key and names a console route; else API Gateway's message. */
    private String authorize(HttpExchange ex, byte[] body) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        Matcher m = auth == null ? null : AUTH.matcher(auth);
        if (m == null || !m.matches()) {
            badSignatures.incrementAndGet();
            return "Missing Authentication Token";
        }
        CognitoFront.IssuedCredentials c = credentials.apply(m.group(1));
        if (c == null || !m.group(3).equals(region)) {
            badSignatures.incrementAndGet();
            return "The security token included in the request is invalid.";
        }
        String date = ex.getRequestHeaders().getFirst("X-Amz-Date");
        Instant at;
        try {
            at = Instant.from(AMZ_DATE.parse(date));
        } catch (RuntimeException e) {
            badSignatures.incrementAndGet();
            return "Missing or invalid X-Amz-Date.";
        }
        if (Duration.between(at, Instant.now()).abs().toMinutes() >= 5 || !date.startsWith(m.group(2))) {
            badSignatures.incrementAndGet();
            return "Signature expired.";
        }
        if (!expectedSignature(ex, body, m.group(4), c, at).equals(m.group(5))) {
            badSignatures.incrementAndGet();
            return "The request signature we calculated does not match the signature you provided.";
        }
        String route = ex.getRequestMethod() + ex.getRequestURI().getRawPath();
        if (routes.stream().noneMatch(p -> p.matcher(route).matches())) {
            deniedRoutes.incrementAndGet();
            return "Forbidden";
        }
        verified.incrementAndGet();
        return null;
    }

    /**
     * The signature the AWS SDK for Java's SigV4 signer ({@code Aws4Signer}, which signs exactly the headers it is
     * given, as API Gateway's check does) computes for this request over the headers the client said it signed.
     * (The SDK's newer {@code AwsV4HttpSigner} always adds an {@code x-amz-content-sha256} header of its own, so it
     * cannot recompute a browser's signature.)
     */
    @SuppressWarnings("deprecation")
    private String expectedSignature(HttpExchange ex, byte[] body, String signedHeaders, CognitoFront.IssuedCredentials c,
                                     Instant at) {
        List<String> names = Arrays.asList(signedHeaders.split(";"));
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(ex.getRequestMethod()))
                .uri(URI.create("http://" + ex.getRequestHeaders().getFirst("Host") + ex.getRequestURI().getRawPath()
                        + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery())))
                .contentStreamProvider(ContentStreamProvider.fromByteArray(body));
        for (String name : names) {
            if (!name.equals("host") && !name.equals("x-amz-date") && !name.equals("x-amz-security-token")) {
                List<String> values = ex.getRequestHeaders().get(name);
                if (values != null) {
                    request.putHeader(name, values);
                }
            }
        }
        Aws4SignerParams params = Aws4SignerParams.builder()
                .awsCredentials(AwsSessionCredentials.create(c.accessKeyId(), c.secretKey(), c.sessionToken()))
                .signingName("execute-api").signingRegion(Region.of(region)).doubleUrlEncode(true)
                .signingClockOverride(Clock.fixed(at, ZoneOffset.UTC)).build();
        SdkHttpFullRequest signed = Aws4Signer.create().sign(request.build(), params);
        String authorization = signed.firstMatchingHeader("Authorization").orElse("");
        Matcher m = AUTH.matcher(authorization);
        if (!m.matches()) {
            throw new IllegalStateException("the SDK signed in an unexpected form: " + authorization);
        }
        if (!m.group(4).equals(signedHeaders.toLowerCase(Locale.ROOT))) {
            System.err.println("gateway: the SDK signs " + m.group(4) + ", the client signed " + signedHeaders);
            return "signed headers differ";
        }
        return m.group(5);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.getResponseHeaders().add("x-amzn-ErrorType", "AccessDeniedException");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
