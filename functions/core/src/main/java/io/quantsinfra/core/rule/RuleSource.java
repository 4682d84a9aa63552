package io.quantsinfra.core.rule;

import io.quantsinfra.core.metrics.CloudWatchNames;
import io.quantsinfra.core.promql.Expr;
import io.quantsinfra.core.promql.ExpressionException;
import io.quantsinfra.core.promql.PromQl;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a rule is evaluated. Over CloudWatch when CloudWatch can answer it (the supported subset, names that map to
 * CloudWatch) unless the rule says {@code quants_infra_source: prometheus}; by the monitor's Prometheus when only it
 * can — the expression uses what {@link PromQl#checkForPrometheus} names, or reads {@code up} or a {@code *_bucket} —
 * or when the rule says so. An expression that needs both (a CloudWatch-only name beside a Prometheus-only construct)
 * is refused naming both; with {@code quants_infra_source: cloudwatch} the CloudWatch refusal stands.
 *
 * {@snippet :
 * RuleSource.Choice c = RuleSource.choose("up == 0", null);   // c.prometheus() == "it reads up"
 * }
 */
final class RuleSource {
    private RuleSource() {}

    /**
     * The checked expression and, when the monitor's Prometheus evaluates it, why ({@code prometheus}, else
     * {@code null}); or {@code refusal}, the problem as shown after the rule's name.
     */
    record Choice(Expr expr, String prometheus, String refusal) {
        static Choice refused(String refusal) {
            return new Choice(null, null, refusal);
        }
    }

    /** @param source the rule's {@code quants_infra_source}: {@code cloudwatch}, {@code prometheus} or {@code null} */
    static Choice choose(String text, String source) {
        Expr e = null;
        String cloudWatchRefusal = null;
        try {
            e = PromQl.parse(text);
            if (e.scalar()) {
                return Choice.refused(scalar());
            }
            cloudWatchRefusal = unmappedName(e);
        } catch (ExpressionException ex) {
            cloudWatchRefusal = ex.getMessage();
        }
        if (cloudWatchRefusal == null && !"prometheus".equals(source)) {
            return new Choice(e, null, null);
        }
        if ("cloudwatch".equals(source)) {
            return Choice.refused("expr: " + cloudWatchRefusal);
        }
        return forPrometheus(text, e, cloudWatchRefusal);
    }

    /**
     * The rule goes to the monitor's Prometheus, asked for or because CloudWatch cannot evaluate it
     * ({@code cloudWatchRefusal}): checked against Prometheus's grammar, with why it goes there; refused when it also
     * reads series only CloudWatch holds, since no single source has both.
     */
    private static Choice forPrometheus(String text, Expr e, String cloudWatchRefusal) {
        PromQl.PrometheusCheck p;
        try {
            p = PromQl.checkForPrometheus(text);
        } catch (ExpressionException ex) {
            return Choice.refused("expr: " + ex.getMessage());
        }
        if (p.scalar()) {
            return Choice.refused(scalar());
        }
        List<String> why = new ArrayList<>(p.prometheusOnly());
        List<String> cloudWatchOnly = new ArrayList<>();
        for (Expr.Selector sel : p.selectors()) {
            String name = sel.metric();
            if (name.equals("up") || name.endsWith("_bucket")) {
                why.add("it reads " + name);
            } else if (CloudWatchNames.onlyInCloudWatch(name) && !cloudWatchOnly.contains(name)) {
                cloudWatchOnly.add(name);
            }
        }
        if (why.isEmpty()) {
            why.add(cloudWatchRefusal == null ? AlertRule.SOURCE + ": prometheus" : cloudWatchRefusal);
        }
        why = why.stream().distinct().toList();
        if (!cloudWatchOnly.isEmpty()) {
            return Choice.refused("expr: reads " + String.join(", ", cloudWatchOnly) + ", which only CloudWatch holds, and "
                    + "uses " + String.join(", ", why) + ", which only the monitor's Prometheus evaluates; split it into "
                    + "one rule per source (over CloudWatch: " + (cloudWatchRefusal == null ? "fine" : cloudWatchRefusal) + ")");
        }
        return new Choice(e != null && cloudWatchRefusal == null ? e : placeholder(p), String.join(", ", why), null);
    }

    /** Why a selector's name cannot be read from CloudWatch, or {@code null} when every name maps. */
    private static String unmappedName(Expr e) {
        for (Expr.Selector sel : e.selectors()) {
            try {
                CloudWatchNames.target(sel.metric());
            } catch (IllegalArgumentException ex) {
                return ex.getMessage();
            }
        }
        return null;
    }

    private static String scalar() {
        return "expr gives a number, not series; compare a metric with it, like metric > 80";
    }

    /** The tree kept for a rule Prometheus evaluates: its selectors, for listing; core never evaluates it. */
    private static Expr placeholder(PromQl.PrometheusCheck p) {
        Expr out = null;
        for (Expr.Selector s : p.selectors()) {
            out = out == null ? s : new Expr.Binary(Expr.BinOp.OR, out, s, null);
        }
        return out == null ? new Expr.Call(Expr.Fn.VECTOR, List.of(new Expr.Number(1))) : out;
    }
}
