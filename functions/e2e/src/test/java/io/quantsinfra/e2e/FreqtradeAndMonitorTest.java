package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.s3.S3Client;

/** Freqtrade and the monitor through the CLI against local mode: deploy, status, scrape targets, destroy. */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreqtradeAndMonitorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private LocalModeFixture local;
    private EcsClient ecs;
    @TempDir
    Path dir;

    @BeforeAll
    void start(AwsEmulator aws) {
        local = new LocalModeFixture(aws);
        ecs = local.clients.ecs();
    }

    @AfterAll
    void stop() {
        ecs.close();
        local.close();
    }

    private TaskDefinition taskDefinition(String instance) {
        String arn = ecs.describeServices(r -> r.cluster("quants-infra").services(instance)).services().getFirst().taskDefinition();
        return ecs.describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition();
    }

    @Test
    @Order(1)
    void freqtrade_deploysInDryRun_withGeneratedApiCredentialsAsSecrets() throws IOException {
        Path config = dir.resolve("bot.yaml");
        Files.writeString(config, """
                strategy: LumosCrypto_v1
                stake_currency: USDT
                stake_amount: 100
                exchange:
                  name: binance
                  pair_whitelist: [BTC/USDT, ETH/USDT]
                """);

        var run = local.cli("deploy", "--service", "freqtrade", "--host", "us-east-1b", "--config", config.toString());

        assertEquals(0, run.exit(), run::toString);
        ContainerDefinition bot = taskDefinition("freqtrade-1").containerDefinitions().getFirst();
        assertEquals(List.of("sh", "-c"), bot.entryPoint());
        assertTrue(bot.secrets().stream().anyMatch(s -> s.name().equals("FREQTRADE__API_SERVER__PASSWORD")
                && s.valueFrom().startsWith("arn:aws:secretsmanager:us-east-1:")), bot.secrets()::toString);
        String config0 = bot.environment().stream().filter(kv -> kv.name().equals("QUANTS_INFRA_CONFIG_JSON"))
                .findFirst().orElseThrow().value();
        assertTrue(config0.contains("\"dry_run\":true"), config0);
    }

    @Test
    @Order(2)
    void freqtrade_goingLive_needsConfirmLive() throws IOException {
        Path config = dir.resolve("live.yaml");
        Files.writeString(config, """
                strategy: LumosCrypto_v1
                stake_amount: 100
                dry_run: false
                exchange:
                  name: binance
                  key: {secretRef: binance, jsonKey: apiKey}
                  secret: {secretRef: binance, jsonKey: apiSecret}
                  pair_whitelist: [BTC/USDT]
                """);
        try (var sm = local.clients.secretsManager()) {
            sm.createSecret(r -> r.name("quants-infra/binance").secretString("{\"apiKey\":\"k-canary\",\"apiSecret\":\"s-canary\"}"));
        }
        String before = local.emulatorState();

        var refused = local.cli("deploy", "--service", "freqtrade", "--config", config.toString());

        assertEquals(2, refused.exit(), refused::toString);
        assertTrue(refused.err().contains("--confirm-live"), refused::toString);
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }

    @Test
    @Order(3)
    void scrapeTarget_add_rendersAndPublishesThePrometheusConfig() throws Exception {
        var run = local.cli("scrape-target", "add", "--job", "data-collector", "--target", "10.42.1.10:9090",
                "--target", "10.42.2.11:9090", "--label", "service=data-collection", "--label", "layer=scanner");

        assertEquals(0, run.exit(), run::toString);
        String bucket = local.local.settings().monitorBucket();
        try (S3Client s3 = local.clients.s3()) {
            JsonNode sd = JSON.readTree(s3.getObjectAsBytes(r -> r.bucket(bucket).key("monitor/targets/data-collector.json")).asUtf8String());
            assertEquals("10.42.1.10:9090", sd.get(0).path("targets").get(0).asText());
            assertEquals("scanner", sd.get(0).path("labels").path("layer").asText());
            String yml = s3.getObjectAsBytes(r -> r.bucket(bucket).key("monitor/prometheus.yml")).asUtf8String();
            assertTrue(yml.contains("job_name: data-collector") || yml.contains("job_name: \"data-collector\""), yml);
            Path etc = dir.resolve("etc-prometheus");
            Files.createDirectories(etc.resolve("targets"));
            Files.writeString(etc.resolve("prometheus.yml"), yml.replace("/etc/prometheus/", etc + "/"));
            Files.writeString(etc.resolve("targets/data-collector.json"), sd.toString());
            Process promtool = new ProcessBuilder("promtool", "check", "config", etc.resolve("prometheus.yml").toString())
                    .redirectErrorStream(true).start();
            String out = new String(promtool.getInputStream().readAllBytes());
            assertTrue(promtool.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, promtool.exitValue(), out);
        }
        var list = local.cli("scrape-target", "list");
        assertTrue(list.out().contains("10.42.1.10:9090,10.42.2.11:9090"), list::toString);
    }

    @Test
    @Order(4)
    void monitor_deploys_withFourContainers_andAGeneratedGrafanaPassword() {
        var run = local.cli("deploy", "--service", "monitor", "--host", "us-east-1a");

        assertEquals(0, run.exit(), run::toString);
        TaskDefinition td = taskDefinition("monitor-1");
        assertEquals(List.of("config-sync", "prometheus", "grafana", "alertmanager"),
                td.containerDefinitions().stream().map(ContainerDefinition::name).toList());
        ContainerDefinition grafana = td.containerDefinitions().get(2);
        assertTrue(grafana.secrets().stream().anyMatch(s -> s.name().equals("GF_SECURITY_ADMIN_PASSWORD")), grafana::toString);
        assertFalse(grafana.environment().stream().anyMatch(kv -> kv.name().equals("GF_SECURITY_ADMIN_PASSWORD")));
    }

    @Test
    @Order(5)
    void monitor_unchangedRedeploy_makesNoMutatingCall() {
        local.recorder.clear();

        var run = local.cli("deploy", "--service", "monitor", "--host", "us-east-1a");

        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("unchanged"), run::toString);
        assertEquals(List.of(), local.recorder.calls().stream().filter(AwsCallRecorder.Call::mutating)
                .map(c -> c.service() + "." + c.operation()).toList());
    }

    @Test
    @Order(6)
    void status_showsBothServices() throws IOException {
        var run = local.cli("status", "--format", "json");

        assertEquals(0, run.exit(), run::toString);
        List<String> instances = JSON.readTree(run.out()).path("instances").findValuesAsText("instance");
        assertEquals(List.of("freqtrade-1", "monitor-1"), instances);
        var table = local.cli("status");
        assertTrue(table.out().startsWith("INSTANCE"), table::toString);
        assertTrue(table.out().contains("monitor-1"), table::toString);
    }

    @Test
    @Order(7)
    void destroy_removesBothServices() {
        assertEquals(0, local.cli("destroy", "--service", "freqtrade", "--force").exit());
        assertEquals(0, local.cli("destroy", "--service", "monitor", "--force").exit());

        var run = local.cli("status", "--format", "json");
        assertTrue(run.out().contains("\"instances\" : [ ]"), run::toString);
    }
}
