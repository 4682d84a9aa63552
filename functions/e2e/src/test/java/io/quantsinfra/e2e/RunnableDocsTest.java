package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The docs' commands still work: every shell block in {@code docs/} whose fence reads {@code ```bash runnable} is run,
 * line by line and in order, against a fresh local mode per page, and every command must exit 0. Only
 * {@code ./quants-infra …} commands may stand in a runnable block (joined by {@code &&}, with trailing comments); the
 * test fails when no runnable block exists, so it cannot pass by finding nothing.
 */
@ExtendWith(AwsEmulatorExtension.class)
class RunnableDocsTest {
    static final String FENCE = "```bash runnable";

    @Test
    void runnableShellBlocks_inTheDocs_exitZero_inOrder(AwsEmulator aws) throws IOException {
        Path root = repoRoot();
        List<Path> pages;
        try (Stream<Path> all = Files.walk(root.resolve("docs"))) {
            pages = all.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        int pagesRun = 0;
        int commands = 0;
        for (Path page : pages) {
            List<List<String>> lines = commands(Files.readAllLines(page), root);
            if (lines.isEmpty()) {
                continue;
            }
            pagesRun++;
            try (LocalModeFixture local = new LocalModeFixture(aws)) {
                for (List<String> args : lines) {
                    var run = local.cli(args.toArray(String[]::new));
                    assertEquals(0, run.exit(), root.relativize(page) + ": quants-infra " + String.join(" ", args) + "\n" + run);
                    commands++;
                }
            }
        }
        System.out.println("runnable docs: " + pagesRun + " page(s), " + commands + " command(s), every one exited 0");
        assertTrue(commands > 0, "no ```bash runnable block found under docs/");
    }

    /** The CLI arguments of every command of the page's runnable blocks; file arguments resolved from the root. */
    static List<List<String>> commands(List<String> lines, Path root) {
        List<List<String>> out = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            String t = line.strip();
            if (!in) {
                in = t.equals(FENCE);
                continue;
            }
            if (t.startsWith("```")) {
                in = false;
                continue;
            }
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            for (String command : t.split("&&")) {
                List<String> words = words(command);
                assertFalse(words.isEmpty(), "an empty command in: " + line);
                assertEquals("./quants-infra", words.getFirst(), "a runnable block runs ./quants-infra only: " + line);
                out.add(words.subList(1, words.size()).stream()
                        .map(w -> Files.exists(root.resolve(w)) && !w.startsWith("-") ? root.resolve(w).toString() : w).toList());
            }
        }
        return out;
    }

    /** Shell words: whitespace-separated, single or double quotes group, an unquoted {@code #} starts a comment. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                w = w == null ? new StringBuilder() : w;
            } else if (c == '#' && w == null) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (w != null) {
                    words.add(w.toString());
                    w = null;
                }
            } else {
                w = w == null ? new StringBuilder() : w;
                w.append(c);
            }
        }
        if (w != null) {
            words.add(w.toString());
        }
        return words;
    }

    private static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("mvnw"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
