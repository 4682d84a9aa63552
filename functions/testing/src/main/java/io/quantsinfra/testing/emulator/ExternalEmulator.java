package io.quantsinfra.testing.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * An emulator started outside the test JVM (LocalStack or Floci under Testcontainers/Docker, or a
 * moto server someone runs by hand). Opt-in through {@code QUANTS_INFRA_EMULATOR=external}.
 */
final class ExternalEmulator implements AwsEmulator {
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    private ExternalEmulator(URI endpoint) {
        this.endpoint = endpoint;
    }

    static ExternalEmulator at(URI endpoint) {
        return new ExternalEmulator(endpoint);
    }

    static ExternalEmulator fromEnvironment() {
        String url = System.getenv("QUANTS_INFRA_EMULATOR_ENDPOINT");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("QUANTS_INFRA_EMULATOR=external needs QUANTS_INFRA_EMULATOR_ENDPOINT");
        }
        return new ExternalEmulator(URI.create(url));
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void reset() {
        for (String path : new String[] {"/moto-api/reset", "/_localstack/state/reset"}) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint.resolve(path))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return;
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot reach the external emulator at " + endpoint, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("the external emulator at " + endpoint + " offers no reset API");
    }

    @Override
    public String describe() {
        return "external emulator at " + endpoint;
    }
}
