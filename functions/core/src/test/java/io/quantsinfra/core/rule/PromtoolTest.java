package io.quantsinfra.core.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every rule file shipped under docs/rules passes {@code promtool check rules}: the files stay valid Prometheus,
 * extensions included. promtool comes from Debian's {@code prometheus} package; this test fails (never skips)
 * when it is missing. Set {@code PROMTOOL} to use another binary.
 */
class PromtoolTest {

    @Test
    void shippedRuleFiles_passPromtoolCheckRules() throws IOException, InterruptedException {
        String promtool = System.getenv().getOrDefault("PROMTOOL", "/usr/bin/promtool");
        assertTrue(Files.isExecutable(Path.of(promtool)), promtool + " is missing: install Debian's prometheus package "
                + "(apt-get install prometheus) or set PROMTOOL");
        List<String> cmd = new ArrayList<>(List.of(promtool, "check", "rules"));
        try (Stream<Path> files = Files.list(RepoFiles.root().resolve("docs/rules"))) {
            files.filter(p -> p.getFileName().toString().endsWith(".yml")).filter(p -> !p.getFileName().toString().contains("alertmanager"))
                    .sorted().forEach(p -> cmd.add(p.toString()));
        }
        assertTrue(cmd.size() >= 5, cmd::toString);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("SUCCESS"), out);
    }

    /**
     * The rule-pack corpus ({@code RulePackAcceptanceTest}) is valid for Prometheus too: core accepts nothing there
     * that Prometheus would refuse, and the transcription is faithful enough to parse.
     */
    @Test
    void rulePackCorpus_passesPromtoolCheckRules() throws IOException, InterruptedException {
        String promtool = System.getenv().getOrDefault("PROMTOOL", "/usr/bin/promtool");
        assertTrue(Files.isExecutable(Path.of(promtool)), promtool + " is missing: install Debian's prometheus package "
                + "(apt-get install prometheus) or set PROMTOOL");
        List<String> cmd = new ArrayList<>(List.of(promtool, "check", "rules"));
        Path dir = RepoFiles.root().resolve("functions/core/src/test/resources/rulepacks");
        for (String pack : RulePackAcceptanceTest.PACKS) {
            cmd.add(dir.resolve(pack.substring(pack.lastIndexOf('/') + 1)).toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("SUCCESS: 411 rules found") && out.contains("SUCCESS: 132 rules found"), out);
    }
}
