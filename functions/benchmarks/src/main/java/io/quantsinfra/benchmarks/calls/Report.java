package io.quantsinfra.benchmarks.calls;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Prints the deploy benchmark's tables: times and call counts per step, calls by operation, the ratios. */
final class Report {
    private static final List<String> BY_OPERATION = List.of("deploy x1 --no-wait", "destroy x1", "deploy x10 --no-wait",
            "redeploy x10 unchanged", "status (10 instances)");
    private final Step cold;
    private final Map<String, List<Step>> steps;

    Report(Step cold, Map<String, List<Step>> steps) {
        this.cold = cold;
        this.steps = steps;
    }

    void print(PrintStream out) {
        out.println();
        out.printf("%-26s %5s %10s %8s %8s %10s %9s%n", "step", "runs", "median ms", "min ms", "max ms", "AWS calls", "mutating");
        row(out, List.of(cold));
        steps.values().forEach(runs -> row(out, runs));

        out.println();
        out.println("AWS calls by operation (one run; counts were " + (countsStable() ? "identical in every round" : "NOT identical across rounds") + "):");
        List<String> columns = BY_OPERATION.stream().filter(steps::containsKey).toList();
        TreeSet<String> operations = new TreeSet<>();
        columns.forEach(c -> operations.addAll(steps.get(c).getLast().byOperation().keySet()));
        out.printf("%-40s", "operation");
        columns.forEach(c -> out.printf(" %12s", shortName(c)));
        out.println();
        for (String op : operations) {
            out.printf("%-40s", op);
            columns.forEach(c -> out.printf(" %12s", steps.get(c).getLast().byOperation().getOrDefault(op, 0)));
            out.println();
        }
        out.printf("%-40s", "total (mutating)");
        columns.forEach(c -> {
            Step s = steps.get(c).getLast();
            out.printf(" %12s", s.calls().size() + " (" + s.mutating() + ")");
        });
        out.println();

        out.println();
        double one = median(steps.get("deploy x1 --no-wait"));
        double ten = median(steps.get("deploy x10 --no-wait"));
        out.printf("wall time ratio deploy x10 / deploy x1 (--no-wait, medians): %.2f (%.0f ms / %.0f ms; "
                + "instances run in parallel, at most 4 at a time)%n", ten / one, ten, one);
        if (steps.containsKey("deploy x1, CLI waits") && steps.containsKey("deploy x10, CLI waits")) {
            double w1 = median(steps.get("deploy x1, CLI waits"));
            double w10 = median(steps.get("deploy x10, CLI waits"));
            out.printf("wall time ratio deploy x10 / deploy x1 (CLI waiting for the rollout): %.2f (%.0f ms / %.0f ms)%n",
                    w10 / w1, w10, w1);
        }
        long mutating = steps.get("redeploy x10 unchanged").stream().mapToLong(Step::mutating).max().orElse(-1);
        out.println("redeploy x10 unchanged: mutating AWS calls = " + mutating
                + (mutating == 0 ? " (as required)" : "  <-- FAIL: an unchanged redeploy must not change anything"));
    }

    boolean redeployMadeNoMutatingCall() {
        return steps.get("redeploy x10 unchanged").stream().allMatch(s -> s.mutating() == 0);
    }

    private boolean countsStable() {
        return BY_OPERATION.stream().filter(steps::containsKey)
                .allMatch(name -> steps.get(name).stream().map(Step::byOperation).distinct().count() == 1);
    }

    private static void row(PrintStream out, List<Step> runs) {
        Step last = runs.getLast();
        long min = runs.stream().mapToLong(Step::wallMillis).min().orElseThrow();
        long max = runs.stream().mapToLong(Step::wallMillis).max().orElseThrow();
        out.printf("%-26s %5d %10.0f %8d %8d %10d %9d%n", last.name(), runs.size(), median(runs), min, max,
                last.calls().size(), last.mutating());
    }

    static double median(List<Step> runs) {
        long[] w = runs.stream().mapToLong(Step::wallMillis).sorted().toArray();
        return w.length % 2 == 1 ? w[w.length / 2] : (w[w.length / 2 - 1] + w[w.length / 2]) / 2.0;
    }

    private static String shortName(String step) {
        return switch (step) {
            case "deploy x1 --no-wait" -> "deploy x1";
            case "destroy x1" -> "destroy x1";
            case "deploy x10 --no-wait" -> "deploy x10";
            case "redeploy x10 unchanged" -> "redeploy x10";
            case "status (10 instances)" -> "status x10";
            default -> step;
        };
    }
}
