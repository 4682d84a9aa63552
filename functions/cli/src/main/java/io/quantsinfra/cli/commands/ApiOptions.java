package io.quantsinfra.cli.commands;

import io.quantsinfra.cli.QuantsInfraCli;
import io.quantsinfra.cli.http.ApiClient;
import io.quantsinfra.cli.http.ApiEndpoint;
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
        ApiEndpoint checked = ApiEndpoint.parse(url, DEFAULT_ENDPOINT);
        URI uri = checked.uri();
        boolean loopback = checked.loopback();
        RequestSigner signer = loopback ? RequestSigner.NONE : SigV4Signer.forEndpoint(uri, region, env);
        return new ApiClient(uri, signer, env.getOrDefault("USER", "unknown"));
    }
}
