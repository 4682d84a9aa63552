package io.quantsinfra.core.rule;

import io.quantsinfra.core.promql.Expr;
import io.quantsinfra.core.template.GoTemplate;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One validated alerting rule. {@code labels} and {@code annotations} hold the templates as written;
 * {@code labelTemplates}/{@code annotationTemplates} are them compiled. {@code id} is stable while the file,
 * group, alert name and expression stay the same (alert state is kept under it).
 *
 * @param datapoints M of {@code evaluationPeriods}: the condition must hold in M of the last N minutes
 * @param prometheus why the rule is evaluated by the monitor's Prometheus (its whole expression is sent to
 *                   Prometheus' HTTP API every cycle), e.g. {@code "it reads up"}; {@code null} for a rule evaluated
 *                   over CloudWatch. For such a rule {@code expr} is the checked tree, never evaluated by core.
 */
public record AlertRule(String id, String file, String group, String alert, String exprText, Expr expr,
                        Duration forDuration, Duration keepFiringFor, Map<String, String> labels,
                        Map<String, String> annotations, int datapoints, int evaluationPeriods, MissingData missingData,
                        Map<String, GoTemplate> labelTemplates, Map<String, GoTemplate> annotationTemplates,
                        String prometheus) {

    /** Annotation carrying the M-of-N extension, e.g. {@code "3/5"}. */
    public static final String DATAPOINTS = "quants_infra_datapoints";
    /** Annotation carrying the missing-data extension. */
    public static final String MISSING_DATA = "quants_infra_missing_data";
    /** Annotation choosing where the rule is evaluated: {@code cloudwatch} or {@code prometheus} (default: chosen). */
    public static final String SOURCE = "quants_infra_source";

    public AlertRule {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        labelTemplates = Collections.unmodifiableMap(new LinkedHashMap<>(labelTemplates));
        annotationTemplates = Collections.unmodifiableMap(new LinkedHashMap<>(annotationTemplates));
    }

    /** A rule evaluated over CloudWatch. */
    public AlertRule(String id, String file, String group, String alert, String exprText, Expr expr,
                     Duration forDuration, Duration keepFiringFor, Map<String, String> labels,
                     Map<String, String> annotations, int datapoints, int evaluationPeriods, MissingData missingData,
                     Map<String, GoTemplate> labelTemplates, Map<String, GoTemplate> annotationTemplates) {
        this(id, file, group, alert, exprText, expr, forDuration, keepFiringFor, labels, annotations, datapoints,
                evaluationPeriods, missingData, labelTemplates, annotationTemplates, null);
    }

    /** Whether the monitor's Prometheus evaluates this rule (rather than core, over CloudWatch). */
    public boolean byPrometheus() {
        return prometheus != null;
    }

    /** How far back the rule's data must reach: its expression's window plus the M-of-N span. */
    public Duration dataWindow() {
        return expr.window().plus(Duration.ofMinutes(evaluationPeriods - 1L));
    }

    /** {@code file/group/alert}, for people. */
    public String qualifiedName() {
        return file + "/" + group + "/" + alert;
    }
}
