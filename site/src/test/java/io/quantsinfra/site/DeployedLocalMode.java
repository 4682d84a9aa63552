package io.quantsinfra.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.api.local.LocalMode;
import io.quantsinfra.api.local.SiteFiles;
import io.quantsinfra.api.wiring.SettingsOverlay;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.testing.emulator.AwsEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * Local mode serving the built site against the emulator, with what the console shows: data-collector deployed
 * (instance data-collector-1) and the HighCpu alert firing on it.
 */
final class DeployedLocalMode {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DeployedLocalMode() {}

    static LocalMode start(AwsEmulator aws) throws Exception {
        aws.reset();
        SiteFiles site = SiteFiles.at(SiteBuild.dist()).orElseThrow(() -> new AssertionError("no built site"));
        LocalMode local = LocalMode.start(aws.endpoint(), 0, new SettingsOverlay(Map.of(AwsSettings.AWS_RETRIES, "0"), List.of()),
                Optional.of(site));
        String collector = Files.readString(SiteBuild.root().resolve("examples/data-collector.json"));
        var deploy = call(local, "POST", "/v1/services/data-collector/deploy",
                "{\"hosts\": [\"us-east-1a\"], \"config\": " + collector + "}");
        assertEquals(200, deploy.statusCode(), deploy.body());
        try (AwsClients clients = new AwsClients(local.settings()); var cw = clients.cloudWatch()) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            for (int m = 0; m <= 3; m++) {
                Instant at = now.minusSeconds(60L * m);
                cw.putMetricData(r -> r.namespace("AWS/ECS").metricData(MetricDatum.builder().metricName("CPUUtilization")
                        .timestamp(at).value(97.0).dimensions(Dimension.builder().name("ClusterName").value("quants-infra").build(),
                                Dimension.builder().name("ServiceName").value("data-collector-1").build()).build()));
            }
        }
        var rules = call(local, "PUT", "/v1/alerts/rules/site", """
                {"groups": [{"name": "site", "rules": [{"alert": "HighCpu",
                  "expr": "aws_ecs_cpuutilization_average{service_name=\\"data-collector-1\\"} > 80",
                  "labels": {"severity": "warning"}}]}]}""");
        assertEquals(200, rules.statusCode(), rules.body());
        var evaluate = call(local, "POST", "/v1/alerts/evaluate", "");
        assertEquals(200, evaluate.statusCode(), evaluate.body());
        var alerts = call(local, "GET", "/v1/alerts", null);
        assertTrue(alerts.body().contains("\"firing\"") && alerts.body().contains("/runbooks/high-cpu"), alerts.body());
        return local;
    }

    static HttpResponse<String> call(LocalMode local, String method, String path, String body) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local.port() + path)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
