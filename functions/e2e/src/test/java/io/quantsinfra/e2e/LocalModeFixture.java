package io.quantsinfra.e2e;

import io.quantsinfra.api.local.LocalMode;
import io.quantsinfra.api.wiring.SettingsOverlay;
import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.FunctionCallLog;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.cli.QuantsInfraCli;
import io.quantsinfra.testing.emulator.AwsEmulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * Local mode in the test JVM: a fresh emulated account, the API (Lambda handler behind the API Gateway
 * bridge) on a free loopback port, the CLI run in-process against it, and SDK clients for checking the
 * emulator independently. The recorder sees every AWS call the API makes.
 */
final class LocalModeFixture implements AutoCloseable {
    final AwsEmulator aws;
    final LocalMode local;
    /**
     * Every call through the API's clients is the API Lambda's (account preparation and the fixture's own clients
     * are separate): recorded for infra-cdk's IAM check.
     */
    static final FunctionCallLog API_CALLS = FunctionCallLog.always("api");
    final AwsCallRecorder recorder = new AwsCallRecorder();
    final AwsClients clients;

    LocalModeFixture(AwsEmulator aws) {
        this(aws, Map.of());
    }

    /** With {@code settings} (environment variables) over local mode's own. */
    LocalModeFixture(AwsEmulator aws, Map<String, String> settings) {
        this.aws = aws;
        aws.reset();
        Map<String, String> values = new java.util.HashMap<>(settings);
        values.putIfAbsent(AwsSettings.AWS_RETRIES, "0");
        try {
            this.local = LocalMode.start(aws.endpoint(), 0, new SettingsOverlay(values, List.of(recorder, API_CALLS)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.clients = new AwsClients(local.settings());
    }

    String api() {
        return "http://127.0.0.1:" + local.port();
    }

    /** Runs the CLI against this local mode. */
    Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = QuantsInfraCli.run(args, new PrintWriter(out), new PrintWriter(err),
                Map.of("QUANTS_INFRA_ENDPOINT", api(), "USER", "e2e-tester"));
        return new Run(code, out.toString(), err.toString());
    }

    /** The emulator's whole state, for before/after comparisons. */
    String emulatorState() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(aws.endpoint().resolve("/moto-api/data.json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A raw HTTP call to the API. */
    HttpResponse<String> http(String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api() + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        clients.close();
        local.close();
    }

    /** What a CLI run printed and returned. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
