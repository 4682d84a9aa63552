package io.quantsinfra.site.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.api.local.SiteFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The built site on its own loopback origin, as CloudFront serves it on AWS: clean URLs, the site's security
 * headers with {@code connect-src} naming exactly the API and the Cognito endpoints (what StaticSite's CSP does),
 * and {@code /console-config.json} replaced by the one the CDK would write.
 */
public final class SiteServer implements AutoCloseable {
    private final HttpServer server;
    private final SiteFiles site;
    private volatile String connectSrc = "";
    private volatile byte[] config = "{\"mode\": \"local\"}".getBytes(StandardCharsets.UTF_8);

    public SiteServer(SiteFiles site) throws IOException {
        this.site = site;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What the CDK would deploy: the console's config, and the CSP's {@code connect-src} beyond {@code 'self'}. */
    public void configure(String connectSrc, String consoleConfigJson) {
        this.connectSrc = connectSrc;
        this.config = consoleConfigJson.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code http://127.0.0.1:port}: the origin the API and Cognito see. */
    public String origin() {
        return url().toString();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            SiteFiles.Answer a = path.equals("/console-config.json")
                    ? new SiteFiles.Answer(200, "application/json", config, site.answer("/index.html").headers())
                    : site.answer(path);
            a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, k.equals("Content-Security-Policy")
                    ? v.replace("connect-src 'self'", "connect-src 'self' " + connectSrc) : v));
            ex.getResponseHeaders().add("Content-Type", a.contentType());
            ex.sendResponseHeaders(a.status(), a.body().length);
            ex.getResponseBody().write(a.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
