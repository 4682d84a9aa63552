package io.quantsinfra.core.promql.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The expressions compared: one or more per supported function and operator, then random combinations. */
final class Cases {
    private Cases() {}

    static final List<String> TABLE = List.of(
            // selectors, offset, matchers
            "a", "a offset 3m", "a{job=\"x\"}", "a{inst=~\"i[12]\"}", "a{job!=\"x\"}", "a{inst!~\"i1|i3\"}", "b offset 1m",
            // range functions
            "avg_over_time(a[5m])", "sum_over_time(a[7m])", "min_over_time(a[3m])", "max_over_time(a[10m])",
            "count_over_time(a[4m])", "last_over_time(a[6m])", "quantile_over_time(0.9, a[10m])",
            "quantile_over_time(0.25, a[5m])", "quantile_over_time(1.5, a[5m])", "stddev_over_time(a[10m])",
            "stdvar_over_time(a[8m])", "present_over_time(a[5m])", "absent_over_time(a[5m])",
            "absent_over_time(nosuch{job=\"x\"}[5m])", "rate(c[5m])", "rate(c[1m])", "rate(c[10m] offset 2m)",
            "increase(c[5m])", "increase(c[15m])", "delta(a[5m])", "delta(a[10m])", "irate(c[5m])", "idelta(a[5m])",
            "deriv(a[10m])", "deriv(a[3m])", "predict_linear(a[10m], 600)", "predict_linear(a[5m] offset 1m, 3600)",
            "changes(a[10m])", "resets(c[20m])", "holt_winters(a[10m], 0.5, 0.3)", "rate(a[5m])",
            // instant functions
            "abs(a)", "ceil(a / 3)", "floor(a / 3)", "round(a / 3)", "round(a, 5)", "round(a / 7, 0.1)", "sqrt(a)",
            "exp(a / 10)", "ln(a)", "log2(a)", "log10(a)", "sgn(a)", "clamp(a, -2, 5)", "clamp(a, 5, -2)",
            "clamp_min(a, 0)", "clamp_max(a, 3)", "time()", "vector(time())", "vector(3)", "scalar(b{job=\"x\"})",
            "scalar(a)", "a - scalar(b{job=\"y\"})", "timestamp(a)", "timestamp(a offset 2m)", "timestamp(abs(a))",
            "label_replace(a, \"host\", \"$1-h\", \"inst\", \"i(.*)\")", "label_replace(a, \"job\", \"\", \"job\", \"x\")",
            "label_replace(a, \"k\", \"${1}x$2\", \"job\", \"(.)(.*)\")", "label_replace(a, \"inst\", \"same\", \"inst\", \".*\")",
            "label_join(a, \"id\", \"/\", \"job\", \"inst\")", "label_join(a, \"id\", \"\", \"zone\")", "sort(a)",
            "sort_desc(a)", "absent(a)", "absent(nosuch{job=\"x\", inst=~\"i.\"})", "absent(nosuch > 1)",
            "day_of_week()", "day_of_month()", "days_in_month()", "hour()", "minute()", "month()", "year()",
            "minute(timestamp(a))", "hour(vector(86399))", "day_of_week(vector(1700000000))",
            "days_in_month(vector(1709251200 - 86400))", "month(vector(1709251200))", "year(vector(1709251200))",
            "acos(a / 30)", "asin(a / 30)", "atan(a)", "cos(a)", "sin(a)", "tan(a)", "cosh(a / 10)", "sinh(a / 10)",
            "tanh(a)", "acosh(abs(a) + 1)", "asinh(a)", "atanh(a / 30)", "deg(a)", "rad(a)", "pi() * 2 > bool 6",
            // aggregations
            "sum(a)", "sum by (job) (a)", "sum without (inst) (a)", "avg by (job) (a)", "min(a)", "max by (job) (a)",
            "count without (job) (a)", "group by (job) (a)", "stddev(a)", "stdvar by (job) (a)", "topk(2, a)",
            "topk by (job) (1, a)", "bottomk(2, a)", "bottomk without (inst) (1, c)", "quantile(0.5, a)",
            "quantile by (job) (0.9, a)", "quantile(-1, a)", "count_values(\"v\", a)", "count_values by (job) (\"v\", round(a))",
            "count_values without (inst) (\"v\", a)", "SUM BY (job) (a)", "sum(a) by (job)",
            // binary operators
            "a + 1", "a - b", "a * on(job) group_left b", "a / ignoring(inst) group_left b", "b - on(job) group_right a",
            "a % 3", "a ^ 2", "2 ^ 3 ^ 2", "-a ^ 2", "a atan2 b", "a atan2 on(job) group_left b", "a > 2", "a >= b",
            "a > on(job) group_left b", "a < bool 2", "a == bool on(job) group_left b", "1 < a", "3 >= bool a",
            "a != 0", "a and b", "a and on(job) b", "a or c", "a or on(job) b", "a unless on(inst) c", "a UNLESS c",
            "a AND ON(job) b", "a OR b", "a > 0 and a < 10", "a * on(job) b", "a + ignoring(inst) b",
            "sum by (job) (a) / on(job) b", "c > bool 10", "5 * 3 + a", "(a + 1) * -2", "a * on(job) group_left(zone) b",
            "b * on(job) group_right(zone) a", "a offset 5m - a", "a - a offset 10m > 0", "rate(c[5m]) > 0.05",
            "sum by (job) (rate(c[5m])) > on(job) b", "abs(a - a offset 1m) > 2", "max_over_time(a[5m]) - min_over_time(a[5m])");

    private static final String[] VECTORS = {"a", "b", "c", "a{job=\"x\"}", "c{inst=\"i1\"}"};
    private static final String[] RANGE = {"avg_over_time", "max_over_time", "min_over_time", "sum_over_time",
            "rate", "increase", "delta", "deriv", "changes", "resets", "irate", "idelta", "stddev_over_time",
            "last_over_time", "count_over_time"};
    private static final String[] FN = {"abs", "ceil", "floor", "round", "sgn", "sqrt", "ln", "exp"};
    private static final String[] AGG = {"sum", "avg", "min", "max", "count", "stddev", "group"};
    private static final String[] OPS = {"+", "-", "*", "/", ">", "<", ">=", "==", "!=", "> bool", "< bool"};

    /** {@code n} random combinations, from a fixed seed. */
    static List<String> random(Random r, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(vector(r, 3));
        }
        return out;
    }

    private static String vector(Random r, int depth) {
        int choice = depth <= 0 ? r.nextInt(2) : r.nextInt(8);
        return switch (choice) {
            case 0 -> pick(r, VECTORS) + (r.nextInt(4) == 0 ? " offset " + (1 + r.nextInt(5)) + "m" : "");
            case 1 -> pick(r, RANGE) + "(" + pick(r, VECTORS) + "[" + (2 + r.nextInt(9)) + "m])";
            case 2 -> pick(r, FN) + "(" + vector(r, depth - 1) + ")";
            case 3 -> pick(r, AGG) + (r.nextBoolean() ? " by (job)" : " without (inst)") + " (" + vector(r, depth - 1) + ")";
            case 4 -> "(" + vector(r, depth - 1) + ") " + pick(r, OPS) + " " + (r.nextInt(9) - 2);
            case 5 -> "sum by (job) (" + vector(r, depth - 1) + ") " + pick(r, OPS) + " on(job) sum by (job) (" + vector(r, depth - 1) + ")";
            case 6 -> "(" + vector(r, depth - 1) + ") " + pick(r, new String[] {"and", "or", "unless"}) + " on(job) ("
                    + vector(r, depth - 1) + ")";
            default -> "clamp(" + vector(r, depth - 1) + ", " + (r.nextInt(5) - 4) + ", " + r.nextInt(10) + ")";
        };
    }

    private static String pick(Random r, String[] a) {
        return a[r.nextInt(a.length)];
    }
}
