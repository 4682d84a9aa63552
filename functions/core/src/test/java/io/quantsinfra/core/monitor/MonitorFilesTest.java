package io.quantsinfra.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.rule.RuleStore;
import io.quantsinfra.core.rule.StoredRuleFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole set of files the monitor loads, rendered from in-memory fakes of the stores and the platform. */
class MonitorFilesTest {
    private static final RunningInstance COLLECTOR_1 = new RunningInstance(InstanceId.parse("data-collector-1"), "10.42.1.10", List.of(9090));
    private static final RunningInstance COLLECTOR_2 = new RunningInstance(InstanceId.parse("data-collector-2"), "10.42.2.7", List.of(9191));
    private static final RunningInstance BOT_1 = new RunningInstance(InstanceId.parse("freqtrade-1"), "10.42.1.11", List.of(8080));
    static final Map<String, Object> COLLECTOR_RULES = Map.of("groups", List.of(Map.of("name", "collectors", "rules", List.of(
            Map.of("alert", "CollectorNotCollecting", "expr", "increase(collector_snapshots_written_total[10m]) <= 0",
                    "for", "5m", "labels", Map.of("severity", "warning"),
                    "annotations", Map.of("summary", "{{ $labels.instance }} wrote no snapshot in 10 minutes",
                            "quants_infra_missing_data", "breaching"))))));

    private final FakeTargets targets = new FakeTargets();
    private final FakeRules rules = new FakeRules();
    private final FakePublisher publisher = new FakePublisher();
    private List<RunningInstance> running = List.of(COLLECTOR_1, COLLECTOR_2, BOT_1);

    private MonitorFiles files(PrometheusConfig prometheus) {
        return new MonitorFiles(targets, rules, () -> running, publisher, prometheus);
    }

    @Test
    void render_listsEachRunningCollectorByInstanceIdAtItsOwnPort() {
        String sd = files(PrometheusConfig.standard()).render().get("discovered/data-collector.json");
        assertEquals("[{\"labels\":{\"instance\":\"data-collector-1\",\"service\":\"data-collector\"},\"targets\":[\"10.42.1.10:9090\"]},"
                + "{\"labels\":{\"instance\":\"data-collector-2\",\"service\":\"data-collector\"},\"targets\":[\"10.42.2.7:9191\"]}]\n", sd);
    }

    @Test
    void render_scrapesNoBotBecauseFreqtradeServesNoPrometheusMetrics() {
        Map<String, String> out = files(PrometheusConfig.standard()).render();
        assertFalse(out.values().stream().anyMatch(text -> text.contains("10.42.1.11")), out.toString());
    }

    @Test
    void render_keepsPrometheusYmlUnchangedWhenTasksMoveOrStop() {
        String before = files(PrometheusConfig.standard()).render().get("prometheus.yml");
        running = List.of(new RunningInstance(InstanceId.parse("data-collector-1"), "10.42.3.3", List.of(9090)));
        Map<String, String> after = files(PrometheusConfig.standard()).render();
        assertEquals(before, after.get("prometheus.yml"));
        assertTrue(after.get("discovered/data-collector.json").contains("10.42.3.3:9090"));
        running = List.of();
        assertEquals("[]\n", files(PrometheusConfig.standard()).render().get("discovered/data-collector.json"));
    }

    @Test
    void render_publishesEachAppliedRuleFileUnderRules() {
        rules.put(new StoredRuleFile("collectors", 3, COLLECTOR_RULES, Instant.EPOCH, "ops"));
        String text = files(PrometheusConfig.standard()).render().get("rules/collectors.yml");
        assertTrue(text.startsWith("# Applied to quants-infra as rule file 'collectors' (version 3)"), text);
        assertTrue(text.contains("\"alert\":\"CollectorNotCollecting\""), text);
    }

    @Test
    void render_shipsTheGrafanaProvisioning() {
        Map<String, String> out = files(PrometheusConfig.standard()).render();
        for (String f : List.of("grafana/provisioning/dashboards/quants-infra.yaml", "grafana/provisioning/datasources/quants-infra.yaml",
                "grafana/dashboards/bots.json", "grafana/dashboards/collectors.json", "grafana/dashboards/instances.json")) {
            assertTrue(out.containsKey(f), f + " missing from " + out.keySet());
        }
    }

    @Test
    void publish_sendsTheWholeSetSoThatNoTriggerDropsAnothersFiles() {
        rules.put(new StoredRuleFile("collectors", 1, COLLECTOR_RULES, Instant.EPOCH, "ops"));
        targets.put(ScrapeTarget.fromDocument(Map.of("job_name", "exchange-gw", "targets", List.of("gw.internal:9100"))));
        new PublishingRuleStore(rules, () -> files(PrometheusConfig.standard())).delete("collectors");
        Map<String, String> last = publisher.published.getLast();
        assertFalse(last.containsKey("rules/collectors.yml"));
        assertTrue(last.containsKey("targets/exchange-gw.json"));
        assertTrue(last.containsKey("discovered/data-collector.json"));
    }

    @Test
    void promtool_acceptsTheRenderedConfigRuleFilesAndDiscoveredTargets(@TempDir Path dir) throws Exception {
        rules.put(new StoredRuleFile("collectors", 1, COLLECTOR_RULES, Instant.EPOCH, "ops"));
        targets.put(ScrapeTarget.fromDocument(Map.of("job_name", "exchange-gw", "targets", List.of("gw.internal:9100"))));
        for (Map.Entry<String, String> f : files(new PrometheusConfig(dir.toString())).render().entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
        }
        String config = PrometheusConfigTest.promtool("check", "config", dir.resolve("prometheus.yml").toString());
        assertTrue(config.contains("rules/collectors.yml") && config.contains("SUCCESS: 1 rules found"), config);
        String ruleCheck = PrometheusConfigTest.promtool("check", "rules", dir.resolve("rules/collectors.yml").toString());
        assertTrue(ruleCheck.contains("SUCCESS: 1 rules found"), ruleCheck);
    }

    static final class FakeTargets implements ScrapeTargetStore {
        final Map<String, ScrapeTarget> byJob = new TreeMap<>();
        @Override public void put(ScrapeTarget t) { byJob.put(t.jobName(), t); }
        @Override public boolean remove(String job) { return byJob.remove(job) != null; }
        @Override public List<ScrapeTarget> all() { return List.copyOf(byJob.values()); }
    }

    static final class FakeRules implements RuleStore {
        final Map<String, StoredRuleFile> byName = new TreeMap<>();
        @Override public Optional<StoredRuleFile> get(String name) { return Optional.ofNullable(byName.get(name)); }
        @Override public List<StoredRuleFile> list() { return List.copyOf(byName.values()); }
        @Override public void put(StoredRuleFile file) { byName.put(file.name(), file); }
        @Override public void delete(String name) { byName.remove(name); }
    }

    static final class FakePublisher implements MonitorConfigPublisher {
        final List<Map<String, String>> published = new ArrayList<>();
        @Override public List<String> publish(Map<String, String> files) {
            published.add(new LinkedHashMap<>(files));
            return List.copyOf(files.keySet());
        }
    }
}
