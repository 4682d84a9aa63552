package io.quantsinfra.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantsinfra.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The dashboards shipped with the monitor: each is Grafana dashboard JSON (uid, title, schemaVersion, panels with a
 * data source and targets); every PromQL query passes {@code promtool check rules} (wrapped as alert expressions);
 * every CloudWatch query names a metric from {@link GrafanaProvisioning}'s lists.
 */
class GrafanaDashboardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DATASOURCE_UIDS = Set.of("prometheus", "cloudwatch");

    static Stream<String> dashboards() {
        return GrafanaProvisioning.files().keySet().stream().filter(k -> k.endsWith(".json"));
    }

    private static JsonNode dashboard(String file) throws Exception {
        return JSON.readTree(GrafanaProvisioning.files().get(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void dashboard_isGrafanaDashboardJsonWithPanelsThatQuerySomething(String file) throws Exception {
        JsonNode d = dashboard(file);
        assertTrue(d.path("uid").asText().matches("[a-z0-9-]{1,40}"), file + ": uid");
        assertFalse(d.path("title").asText().isBlank(), file + ": title");
        assertTrue(d.path("schemaVersion").asInt() >= 36, file + ": schemaVersion");
        assertTrue(d.path("panels").size() >= 3, file + ": panels");
        for (JsonNode p : d.path("panels")) {
            String where = file + " panel '" + p.path("title").asText() + "'";
            assertTrue(DATASOURCE_UIDS.contains(p.path("datasource").path("uid").asText()), where + ": datasource");
            assertTrue(p.path("targets").isArray() && !p.path("targets").isEmpty(), where + ": targets");
            assertTrue(p.path("gridPos").has("w") && p.path("gridPos").has("h"), where + ": gridPos");
            for (JsonNode t : p.path("targets")) {
                assertFalse(t.path("refId").asText().isBlank(), where + ": refId");
                assertEquals(p.path("datasource").path("type").asText(), t.path("datasource").path("type").asText(), where);
            }
        }
    }

    @Test
    void dashboards_haveDistinctUids() throws Exception {
        Set<String> uids = new HashSet<>();
        for (String f : dashboards().toList()) {
            assertTrue(uids.add(dashboard(f).path("uid").asText()), f);
        }
    }

    @Test
    void cloudWatchQueries_nameOnlyListedMetrics_andMathReferencesAHiddenQuery() throws Exception {
        List<String> known = new ArrayList<>(GrafanaProvisioning.OTHER_CLOUDWATCH_METRICS);
        GrafanaProvisioning.BOT_METRICS.forEach(m -> known.add("QuantsInfra/" + m));
        Set<String> used = new HashSet<>();
        for (String f : dashboards().toList()) {
            for (JsonNode p : dashboard(f).path("panels")) {
                Set<String> ids = new HashSet<>();
                for (JsonNode t : targets(p, "cloudwatch")) {
                    if (t.path("metricEditorMode").asInt() == 1) {
                        String math = t.path("expression").asText();
                        assertTrue(ids.stream().anyMatch(math::contains), f + ": " + math + " references none of " + ids);
                    } else {
                        String metric = t.path("namespace").asText() + "/" + t.path("metricName").asText();
                        assertTrue(known.contains(metric), f + ": " + metric + " is not in GrafanaProvisioning's lists");
                        used.add(metric);
                        if (!t.path("id").asText().isEmpty()) {
                            assertTrue(t.path("hide").asBoolean(), f + ": a query used in math is hidden");
                            ids.add(t.path("id").asText());
                        }
                    }
                }
            }
        }
        GrafanaProvisioning.BOT_METRICS.forEach(m -> assertTrue(used.contains("QuantsInfra/" + m), m + " has no panel"));
    }

    @Test
    void promtool_acceptsEveryPrometheusQuery(@TempDir Path dir) throws Exception {
        List<Object> rules = new ArrayList<>();
        for (String f : dashboards().toList()) {
            for (JsonNode p : dashboard(f).path("panels")) {
                for (JsonNode t : targets(p, "prometheus")) {
                    // Template variables are Grafana's; a regex that matches anything stands in for them.
                    String expr = t.path("expr").asText().replace("$collector", ".*");
                    rules.add(Map.of("alert", "Panel" + rules.size(), "expr", expr));
                }
            }
        }
        assertTrue(rules.size() >= 4, "the collectors dashboard's queries");
        Path file = dir.resolve("panels.yml");
        Files.writeString(file, Json.write(Map.of("groups", List.of(Map.of("name", "panels", "rules", rules)))), StandardCharsets.UTF_8);
        String out = PrometheusConfigTest.promtool("check", "rules", file.toString());
        assertTrue(out.contains("SUCCESS: " + rules.size() + " rules found"), out);
    }

    @Test
    void collectorQueries_selectTheDiscoveredJob() throws Exception {
        for (JsonNode p : dashboard("grafana/dashboards/collectors.json").path("panels")) {
            for (JsonNode t : targets(p, "prometheus")) {
                assertTrue(t.path("expr").asText().contains("job=\"" + DiscoveredJobs.STANDARD.getFirst().jobName() + "\""),
                        t.path("expr").asText());
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void provisioning_pointsTheProviderAtTheDashboardsAndDefinesBothDataSources() {
        Map<String, String> files = GrafanaProvisioning.files();
        Map<String, Object> provider = (Map<String, Object>) ((List<Object>) new Yaml()
                .<Map<String, Object>>load(files.get("grafana/provisioning/dashboards/quants-infra.yaml")).get("providers")).getFirst();
        assertEquals(GrafanaProvisioning.DASHBOARDS_PATH, ((Map<String, Object>) provider.get("options")).get("path"));
        List<Map<String, Object>> sources = (List<Map<String, Object>>) new Yaml()
                .<Map<String, Object>>load(files.get("grafana/provisioning/datasources/quants-infra.yaml")).get("datasources");
        Map<String, String> uidToType = new LinkedHashMap<>();
        sources.forEach(s -> uidToType.put((String) s.get("uid"), (String) s.get("type")));
        assertEquals(Map.of("prometheus", "prometheus", "cloudwatch", "cloudwatch"), uidToType);
        assertFalse(files.get("grafana/provisioning/datasources/quants-infra.yaml").contains("secretKey"), "no keys in the file");
    }

    private static List<JsonNode> targets(JsonNode panel, String type) {
        List<JsonNode> out = new ArrayList<>();
        panel.path("targets").forEach(t -> {
            if (type.equals(t.path("datasource").path("type").asText())) {
                out.add(t);
            }
        });
        return out;
    }
}
