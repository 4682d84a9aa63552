package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * cfn-lint (pinned, from the project's virtualenv {@code .venv/}, installed by {@code scripts/cdk-env.sh}) over every
 * synthesized template: no errors. Warnings are printed, not failed on (the ones seen are CDK's own redundant
 * {@code DependsOn}, W3005). A missing cfn-lint fails the test.
 */
class CfnLintTest {
    static final Path CFN_LINT = QuantsInfraApp.repositoryRoot().resolve(".venv/bin/cfn-lint");

    @Test
    void defaultApp_templatesHaveNoCfnLintErrors() throws Exception {
        assertEquals(List.of(), errors(SynthesizedApp.standard().out()));
    }

    @Test
    void otherConfigurations_templatesHaveNoCfnLintErrors() throws Exception {
        assertEquals(List.of(), errors(SynthesizedApp.variant().out()));
    }

    private static List<String> errors(Path out) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(CFN_LINT), CFN_LINT + " is missing: run scripts/cdk-env.sh (scripts/test.sh does)");
        List<String> templates;
        try (Stream<Path> files = Files.list(out)) {
            templates = files.filter(p -> p.getFileName().toString().endsWith(".template.json")).map(Path::toString).sorted().toList();
        }
        assertFalse(templates.isEmpty(), "no templates in " + out);
        List<String> command = new ArrayList<>(List.of(CFN_LINT.toString(), "--format", "json"));
        command.addAll(templates);
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "cfn-lint did not finish");
        assertTrue(!stdout.isBlank() || p.exitValue() == 0, "cfn-lint failed to run (exit " + p.exitValue() + "): " + stderr);
        List<Map<String, Object>> matches = stdout.isBlank() ? List.of()
                : new ObjectMapper().readValue(stdout, new TypeReference<>() { });
        List<String> errors = new ArrayList<>();
        for (Map<String, Object> m : matches) {
            @SuppressWarnings("unchecked")
            Map<String, Object> rule = (Map<String, Object>) m.get("Rule");
            String line = m.get("Level") + " " + rule.get("Id") + " " + Path.of(String.valueOf(m.get("Filename"))).getFileName()
                    + ": " + m.get("Message");
            if ("Error".equals(m.get("Level"))) {
                errors.add(line);
            } else {
                System.out.println("cfn-lint: " + line);
            }
        }
        System.out.printf("cfn-lint: %d templates in %s, %d errors, %d other findings%n", templates.size(),
                SynthesizedApp.MODULE.relativize(out), errors.size(), matches.size() - errors.size());
        return errors;
    }
}
