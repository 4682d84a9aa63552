package io.quantsinfra.core.promql.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.promql.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code promtool test rules} over generated unit-test files and reads back what Prometheus computed. Every
 * case expects a sample (or alert) that can never occur, so each case fails and promtool prints, in order, what
 * it got: one block per case, which is how results are matched to cases without one process per case.
 */
final class Promtool {
    static final String BINARY = System.getenv().getOrDefault("PROMTOOL", "/usr/bin/promtool");
    private static final Pattern SAMPLE = Pattern.compile("\\{((?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*)\\} (\\S+?)(?:, |$)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Promtool() {}

    /** What promtool printed for one case: samples (or alert label sets), or an error. */
    record Result(List<Got> got, String error) {}

    record Got(Labels labels, double value) {}

    static void requireInstalled() {
        assertTrue(Files.isExecutable(Path.of(BINARY)), BINARY + " is missing: install Debian's prometheus package "
                + "(scripts/tools-env.sh, apt-get install prometheus) or set PROMTOOL");
    }

    /** Runs promtool on {@code testFile} (beside its rule file) and returns its output. */
    static String run(Path testFile) throws IOException, InterruptedException {
        requireInstalled();
        Process p = new ProcessBuilder(BINARY, "test", "rules", testFile.getFileName().toString())
                .directory(testFile.getParent().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    /** The result blocks of expression cases, in order. */
    static List<Result> exprResults(String out) {
        List<Result> results = new ArrayList<>();
        for (String block : blocks(out, "    expr: ")) {
            String first = block.lines().findFirst().orElse("");
            int err = first.indexOf(", err: ");
            if (err >= 0) {
                results.add(new Result(List.of(), block.substring(block.indexOf(", err: ") + 7).strip()));
                continue;
            }
            int g = block.indexOf("got: ");
            String got = block.substring(g + 5).lines().findFirst().orElse("").strip();
            results.add(new Result(got.equals("nil") ? List.of() : samples(got), null));
        }
        return results;
    }

    /** The firing alerts' label sets of alert cases, in order. */
    static List<Result> alertResults(String out) {
        List<Result> results = new ArrayList<>();
        for (String block : blocks(out, "    alertname: ")) {
            String got = block.substring(block.indexOf("got:") + 4);
            List<Got> alerts = new ArrayList<>();
            Matcher m = Pattern.compile("Labels:(\\{[^\\n]*\\})").matcher(got);
            while (m.find()) {
                alerts.add(new Got(labels(m.group(1).substring(1, m.group(1).length() - 1)), 0));
            }
            results.add(new Result(alerts, null));
        }
        return results;
    }

    private static List<String> blocks(String out, String start) {
        List<String> blocks = new ArrayList<>();
        StringBuilder cur = null;
        for (String line : out.split("\n", -1)) {
            if (line.startsWith(start)) {
                if (cur != null) {
                    blocks.add(cur.toString());
                }
                cur = new StringBuilder();
            } else if (line.startsWith("    expr: ") || line.startsWith("    alertname: ") || line.startsWith("Unit Testing")) {
                if (cur != null) {
                    blocks.add(cur.toString());
                }
                cur = null;
                continue;
            }
            if (cur != null) {
                cur.append(line).append('\n');
            }
        }
        if (cur != null) {
            blocks.add(cur.toString());
        }
        return blocks;
    }

    private static List<Got> samples(String s) {
        List<Got> out = new ArrayList<>();
        Matcher m = SAMPLE.matcher(s);
        while (m.find()) {
            out.add(new Got(labels(m.group(1)), number(m.group(2))));
        }
        return out;
    }

    private static Labels labels(String inner) {
        Map<String, String> m = new TreeMap<>();
        Matcher lm = LABEL.matcher(inner);
        while (lm.find()) {
            if (!lm.group(1).equals("__name__")) {
                m.put(lm.group(1), lm.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
        }
        return Labels.of(m);
    }

    static double number(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
