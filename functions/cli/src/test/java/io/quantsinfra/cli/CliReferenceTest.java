package io.quantsinfra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed CLI reference page is what the commands' usage help says today. */
class CliReferenceTest {
    private static Path page() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("docs/rules"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("docs/reference/cli.md");
    }

    @Test
    void committedPage_isWhatTheUsageHelpGenerates() throws IOException {
        String generated = CliReference.markdown();
        if (Boolean.getBoolean("cli.reference.write")) {
            Files.writeString(page(), generated, StandardCharsets.UTF_8);
        }
        String committed = Files.readString(page(), StandardCharsets.UTF_8);
        assertEquals(generated, committed, "docs/reference/cli.md is stale: regenerate it with "
                + "./mvnw -B -ntp -pl functions/cli -am test -Dtest=CliReferenceTest -Dsurefire.failIfNoSpecifiedTests=false "
                + "-Dcli.reference.write=true");
    }

    @Test
    void page_coversEveryTopLevelCommand() {
        String generated = CliReference.markdown();
        for (String command : new picocli.CommandLine(new QuantsInfraCli()).getSubcommands().keySet()) {
            assertTrue(generated.contains("## `quants-infra " + command + "`"), command);
        }
    }
}
