package io.quantsinfra.benchmarks.calls;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Prints the deploy benchmark's tables: times and call counts per step, calls by operation, the ratios. */
final class Report {
    static final String DEPLOY_1 = "deploy x1 --no-wait";
    static final String DEPLOY_10 = "deploy x10 --no-wait";
    static final String REDEPLOY_10 = "redeploy x10 unchanged";
    static final String WAIT_1 = "deploy x1, CLI waits";
    static final String WAIT_10 = "deploy x10, CLI waits";
    private static final Map<String, String> COLUMNS = columns();
    private final List<Step> firsts;
    private final Map<String, List<Step>> steps;

    /** {@code firsts}: single steps run first, in a cold JVM; {@code steps}: the repeated ones, by name. */
    Report(List<Step> firsts, Map<String, List<Step>> steps) {
        this.firsts = List.copyOf(firsts);
        this.steps = steps;
    }

    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("status, empty account", "status x0");
        c.put(DEPLOY_1, "deploy x1");
        c.put("destroy x1", "destroy x1");
        c.put(DEPLOY_10, "deploy x10");
        c.put(REDEPLOY_10, "redeploy x10");
        c.put("status (10 instances)", "status x10");
        c.put("destroy x10", "destroy x10");
        return c;
    }

    void print(PrintStream out) {
        out.println();
        printTimes(out);
        out.println();
        printOperations(out);
        out.println();
        printRatios(out);
    }

    boolean redeployMadeNoMutatingCall() {
        return steps.get(REDEPLOY_10).stream().allMatch(s -> s.mutating() == 0);
    }

    private void printTimes(PrintStream out) {
        out.printf("%-28s %5s %10s %8s %8s %10s %9s%n", "step", "runs", "median ms", "min ms", "max ms", "AWS calls", "mutating");
        firsts.forEach(s -> row(out, List.of(s)));
        out.println("  (the " + firsts.size() + " steps above ran first, in a cold JVM; the ones below after them)");
        steps.values().forEach(runs -> row(out, runs));
    }

    /** One column per step of {@link #COLUMNS} that ran (its last run), one row per AWS operation. */
    private void printOperations(PrintStream out) {
        Map<String, Step> shown = new LinkedHashMap<>();
        COLUMNS.forEach((name, title) -> {
            firsts.stream().filter(s -> s.name().equals(name)).forEach(s -> shown.put(title, s));
            if (steps.containsKey(name)) {
                shown.put(title, steps.get(name).getLast());
            }
        });
        out.println("AWS calls by operation (last run of each step; counts were "
                + (countsStable() ? "identical in every round" : "NOT identical across rounds") + "):");
        TreeSet<String> operations = new TreeSet<>();
        shown.values().forEach(s -> operations.addAll(s.byOperation().keySet()));
        out.printf("%-30s", "operation");
        shown.keySet().forEach(title -> out.printf(" %12s", title));
        out.println();
        for (String op : operations) {
            out.printf("%-30s", op);
            shown.values().forEach(s -> out.printf(" %12s", s.byOperation().getOrDefault(op, 0)));
            out.println();
        }
        out.printf("%-30s", "total (mutating)");
        shown.values().forEach(s -> out.printf(" %12s", s.calls().size() + " (" + s.mutating() + ")"));
        out.println();
    }

    private void printRatios(PrintStream out) {
        double one = median(steps.get(DEPLOY_1));
        double ten = median(steps.get(DEPLOY_10));
        out.printf("wall time ratio deploy x10 / deploy x1 (--no-wait, medians): %.2f (%.0f ms / %.0f ms; "
                + "instances run in parallel, at most 4 at a time)%n", ten / one, ten, one);
        if (steps.containsKey(WAIT_1) && steps.containsKey(WAIT_10)) {
            double w1 = median(steps.get(WAIT_1));
            double w10 = median(steps.get(WAIT_10));
            out.printf("wall time ratio deploy x10 / deploy x1 (CLI waiting for the rollout, one run each): %.2f "
                    + "(%.0f ms / %.0f ms)%n", w10 / w1, w10, w1);
        }
        long mutating = steps.get(REDEPLOY_10).stream().mapToLong(Step::mutating).max().orElse(-1);
        out.println("redeploy x10 unchanged: mutating AWS calls = " + mutating
                + (mutating == 0 ? " (as required)" : "  <-- FAIL: an unchanged redeploy must not change anything"));
    }

    private boolean countsStable() {
        return steps.values().stream().allMatch(runs -> runs.stream().map(Step::byOperation).distinct().count() == 1);
    }

    private static void row(PrintStream out, List<Step> runs) {
        Step last = runs.getLast();
        long min = runs.stream().mapToLong(Step::wallMillis).min().orElseThrow();
        long max = runs.stream().mapToLong(Step::wallMillis).max().orElseThrow();
        out.printf("%-28s %5d %10.0f %8d %8d %10d %9d%n", last.name(), runs.size(), median(runs), min, max,
                last.calls().size(), last.mutating());
    }

    static double median(List<Step> runs) {
        long[] w = runs.stream().mapToLong(Step::wallMillis).sorted().toArray();
        return w.length % 2 == 1 ? w[w.length / 2] : (w[w.length / 2 - 1] + w[w.length / 2]) / 2.0;
    }
}
