package io.quantsinfra.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quantsinfra.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The rendered files are checked by Prometheus's own {@code promtool check config}, which also validates
 * every file_sd file. promtool comes from Debian's {@code prometheus} package (CI installs it); a machine
 * without it fails this test rather than skipping it.
 */
class PrometheusConfigTest {
    private static final ScrapeTarget COLLECTORS = new ScrapeTarget("data-collector",
            List.of("3.112.193.45:9090", "52.198.147.179:9090"), Map.of("service", "data-collection", "layer", "scanner"));
    private static final ScrapeTarget BOTS = new ScrapeTarget("freqtrade_bots",
            List.of("[fd00::12]:8080", "bot-1.quants.internal:8080"), Map.of("note", "quote \" backslash \\ colon: #hash"));

    @Test
    void fileSd_isTheFileSdJsonForOneGroup() {
        assertEquals("[{\"labels\":{\"layer\":\"scanner\",\"service\":\"data-collection\"},"
                + "\"targets\":[\"3.112.193.45:9090\",\"52.198.147.179:9090\"]}]\n", PrometheusConfig.standard().fileSd(COLLECTORS));
    }

    @Test
    void render_isPrometheusYmlThenOneTargetsFilePerJob_inJobOrder() {
        Map<String, String> files = PrometheusConfig.standard().render(List.of(COLLECTORS, BOTS));
        assertEquals(List.of("prometheus.yml", "targets/data-collector.json", "targets/freqtrade_bots.json"),
                List.copyOf(files.keySet()));
        assertEquals(files, PrometheusConfig.standard().render(List.of(BOTS, COLLECTORS)), "order of input does not matter");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusYml_hasTheExpectedStructure() {
        String yml = PrometheusConfig.standard().prometheusYml(List.of(COLLECTORS, BOTS));
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yml);
        assertEquals(Map.of("scrape_interval", "15s", "evaluation_interval", "15s"), doc.get("global"));
        assertEquals(Map.of("alertmanagers", List.of(Map.of("static_configs", List.of(Map.of("targets", List.of("localhost:9093")))))),
                doc.get("alerting"));
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) doc.get("scrape_configs");
        assertEquals(List.of("prometheus", "data-collector", "freqtrade_bots"), jobs.stream().map(j -> j.get("job_name")).toList());
        assertEquals(List.of(Map.of("files", List.of("/etc/prometheus/targets/data-collector.json"), "refresh_interval", "30s")),
                jobs.get(1).get("file_sd_configs"));
    }

    @Test
    void render_refusesTwoTargetsWithOneJobName() {
        ScrapeTarget again = new ScrapeTarget("data-collector", List.of("10.0.0.9:9090"), Map.of());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PrometheusConfig.standard().render(List.of(COLLECTORS, again)));
        assertEquals("job_name", e.field());
    }

    @Test
    void promtool_acceptsTheRenderedConfigAndTargets(@TempDir java.nio.file.Path dir) throws Exception {
        Map<String, String> files = new PrometheusConfig(dir.toString()).render(List.of(COLLECTORS, BOTS));
        for (Map.Entry<String, String> f : files.entrySet()) {
            java.nio.file.Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
        }
        String out = promtool("check", "config", dir.resolve("prometheus.yml").toString());
        assertTrue(out.contains("SUCCESS"), out);
        assertFalse(out.contains("WARNING"), "every file_sd file is present and checked: " + out);
    }

    @Test
    void promtool_acceptsAConfigWithNoJobsButItsOwn(@TempDir java.nio.file.Path dir) throws Exception {
        Files.writeString(dir.resolve("prometheus.yml"), new PrometheusConfig(dir.toString()).prometheusYml(List.of()));
        assertTrue(promtool("check", "config", dir.resolve("prometheus.yml").toString()).contains("SUCCESS"));
    }

    /** Runs promtool and returns its output; fails (never skips) when promtool is missing or refuses. */
    static String promtool(String... args) throws IOException, InterruptedException {
        String bin = System.getenv().getOrDefault("PROMTOOL", "promtool");
        Process p;
        try {
            p = new ProcessBuilder(java.util.stream.Stream.concat(java.util.stream.Stream.of(bin), java.util.Arrays.stream(args))
                    .toList()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail("promtool is required for this test: install Debian's 'prometheus' package (apt-get install -y prometheus) "
                    + "or set PROMTOOL to its path (" + e.getMessage() + ")");
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return fail("promtool did not finish within 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "promtool refused the rendered config:\n" + out);
        return out;
    }
}
