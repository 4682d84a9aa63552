package io.quantsinfra.cli.commands;

import io.quantsinfra.cli.CliException;
import io.quantsinfra.cli.QuantsInfraCli;
import io.quantsinfra.cli.http.ApiClient;
import io.quantsinfra.cli.http.RequestSigner;
import io.quantsinfra.cli.http.SigV4Signer;
import java.net.URI;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the API is: {@code --endpoint}, else {@code QUANTS_INFRA_ENDPOINT}, else local mode. */
public final class ApiOptions implements QuantsInfraCli.EnvironmentAware {
    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:8080";

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "API endpoint (default: $QUANTS_INFRA_ENDPOINT, else local mode at " + DEFAULT_ENDPOINT + ")")
    String endpoint;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region for signing (default: from the endpoint's host name or $AWS_REGION)")
    String region;

    private Map<String, String> env = System.getenv();

    @Override
    public void environment(Map<String, String> env) {
        this.env = env;
    }

    Map<String, String> env() {
        return env;
    }

    /** A client for the chosen endpoint; signs with SigV4 unless the endpoint is on loopback. */
    public ApiClient client() {
        String url = endpoint != null ? endpoint : env.getOrDefault("QUANTS_INFRA_ENDPOINT", DEFAULT_ENDPOINT);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.INVALID, "--endpoint is not a URL: " + url);
        }
        if (uri.getScheme() == null || uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new CliException(CliException.INVALID, "--endpoint must be an http(s) URL like " + DEFAULT_ENDPOINT + ", got " + url);
        }
        String host = uri.getHost();
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        if (!loopback && uri.getScheme().equals("http")) {
            throw new CliException(CliException.INVALID, "refusing to send requests to " + url + " over plain http; use https");
        }
        RequestSigner signer = loopback ? RequestSigner.NONE : SigV4Signer.forEndpoint(uri, region, env);
        return new ApiClient(uri, signer, env.getOrDefault("USER", "unknown"));
    }
}
