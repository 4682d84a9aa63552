package io.quantsinfra.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.api.local.LocalMode;
import io.quantsinfra.api.local.SiteFiles;
import io.quantsinfra.api.wiring.SettingsOverlay;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * Local mode serving the built site, driven by Debian's chromium ({@code site/tests/browser.mjs}): the home page
 * loads without console errors, search finds a runbook, the console lists a deployed instance and a firing alert,
 * its runbook link opens the page, and a silence created from the console mutes the alert. Fails — never skips —
 * when chromium is missing ({@code scripts/tools-env.sh} installs it).
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiteBrowserTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private LocalMode local;

    @BeforeAll
    void start(AwsEmulator aws) throws Exception {
        aws.reset();
        SiteFiles site = SiteFiles.at(SiteBuild.dist()).orElseThrow(() -> new AssertionError("no built site"));
        local = LocalMode.start(aws.endpoint(), 0, new SettingsOverlay(Map.of(AwsSettings.AWS_RETRIES, "0"), List.of()),
                java.util.Optional.of(site));
        String collector = Files.readString(SiteBuild.root().resolve("examples/data-collector.json"));
        var deploy = call("POST", "/v1/services/data-collector/deploy",
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
        var rules = call("PUT", "/v1/alerts/rules/site", """
                {"groups": [{"name": "site", "rules": [{"alert": "HighCpu",
                  "expr": "aws_ecs_cpuutilization_average{service_name=\\"data-collector-1\\"} > 80",
                  "labels": {"severity": "warning"}}]}]}""");
        assertEquals(200, rules.statusCode(), rules.body());
        var evaluate = call("POST", "/v1/alerts/evaluate", "");
        assertEquals(200, evaluate.statusCode(), evaluate.body());
        var alerts = call("GET", "/v1/alerts", null);
        assertTrue(alerts.body().contains("\"firing\"") && alerts.body().contains("/runbooks/high-cpu"), alerts.body());
    }

    @AfterAll
    void stop() {
        if (local != null) {
            local.close();
        }
    }

    private HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local.port() + path)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void site_search_runbookLinks_andConsole_workInChromium() {
        assertTrue(Files.isExecutable(java.nio.file.Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"))),
                "Debian's chromium is missing: scripts/tools-env.sh installs it (apt-get install chromium)");
        SiteBuild.Run r = SiteBuild.run(List.of("node", "tests/browser.mjs", "http://127.0.0.1:" + local.port(), "--console"),
                SiteBuild.root().resolve("site"), 180);
        System.out.print(r.output());
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("checks passed"), r.output());
    }

    @Test
    void siteAndApi_shareTheOrigin_andThePagesCarryTheCsp() throws Exception {
        var page = call("GET", "/runbooks/high-cpu", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("connect-src 'self'"));
        assertEquals(404, call("GET", "/no/such/page", null).statusCode());
        assertEquals(200, call("GET", "/v1/status", null).statusCode());
        assertEquals(404, call("GET", "/../pom.xml", null).statusCode());
    }
}
