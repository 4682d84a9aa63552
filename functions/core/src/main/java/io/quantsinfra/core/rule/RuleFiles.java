package io.quantsinfra.core.rule;

import io.quantsinfra.core.document.DocumentLimits;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.promql.Expr;
import io.quantsinfra.core.promql.PromDuration;
import io.quantsinfra.core.template.GoTemplate;
import io.quantsinfra.core.template.TemplateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a Prometheus rule-file document (parsed from YAML at the edge) into groups. Every problem is
 * collected, each naming its group, rule and field; the first is the exception's field. Nothing outside
 * the format is accepted (unknown keys are refused as promtool refuses them), and expressions must be in
 * the supported subset with metric names that map to CloudWatch.
 *
 * {@snippet :
 * List<RuleGroup> groups = RuleFiles.parse("trading", Map.of("groups", List.of(...)));
 * }
 */
public final class RuleFiles {
    /** Variables a rule's labels and annotations may use, as in Prometheus. */
    public static final Set<String> TEMPLATE_VARIABLES = Set.of("labels", "value", "externalLabels", "externalURL");
    /** The most groups in one file: each group is evaluated on its own schedule; more belong in another file. */
    public static final int MAX_GROUPS = 100;
    /**
     * The most alerting rules in one file, over all its groups. Each rule costs CloudWatch queries every cycle and
     * a file is stored as one item; 1,000 rules of a few hundred bytes each stay under the document limit.
     */
    public static final int MAX_RULES = 1_000;

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern DATAPOINTS = Pattern.compile("(\\d{1,2})/(\\d{1,2})");
    private static final Set<String> GROUP_KEYS = Set.of("name", "interval", "limit", "rules");
    private static final Set<String> RULE_KEYS = Set.of("alert", "expr", "for", "keep_firing_for", "labels", "annotations");

    private final String file;
    private final List<String[]> problems = new ArrayList<>();
    private int ruleCount;

    private RuleFiles(String file) {
        this.file = file;
    }

    /** Checks a rule file's name: lower case letters, digits, '.', '_' and '-', up to 64 characters. */
    public static String checkName(String name) {
        if (name == null || !FILE_NAME.matcher(name).matches()) {
            throw new InvalidInputException("name", "a rule file name is 1-64 lower-case letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit; got '" + name + "'");
        }
        return name;
    }

    /** The groups of {@code document}; InvalidInputException listing every problem otherwise. */
    public static List<RuleGroup> parse(String file, Map<String, Object> document) {
        checkName(file);
        RuleFiles p = new RuleFiles(file);
        List<RuleGroup> groups = p.groups(document);
        if (!p.problems.isEmpty()) {
            String[] first = p.problems.getFirst();
            StringBuilder msg = new StringBuilder(first[1]);
            if (p.problems.size() > 1) {
                msg.append(" (and ").append(p.problems.size() - 1).append(" more: ");
                for (int i = 1; i < Math.min(p.problems.size(), 6); i++) {
                    msg.append(i > 1 ? "; " : "").append(p.problems.get(i)[0]).append(": ").append(p.problems.get(i)[1]);
                }
                msg.append(p.problems.size() > 6 ? "; …)" : ")");
            }
            throw new InvalidInputException(first[0], msg.toString());
        }
        return groups;
    }

    private void problem(String field, String message) {
        problems.add(new String[] {field, message});
    }

    private List<RuleGroup> groups(Map<String, Object> doc) {
        if (doc == null || doc.isEmpty()) {
            problem("groups", "a rule file holds 'groups:', a list of groups; this one is empty");
            return List.of();
        }
        DocumentLimits.problem(doc, "the rule file").ifPresent(p -> problem("document", p));
        for (String k : doc.keySet()) {
            if (!k.equals("groups")) {
                problem(k, "unknown key '" + k + "': a rule file holds only 'groups'");
            }
        }
        Object g = doc.get("groups");
        if (!(g instanceof List<?> list)) {
            problem("groups", g == null ? "'groups' is missing" : "'groups' must be a list of groups");
            return List.of();
        }
        List<RuleGroup> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (list.size() > MAX_GROUPS) {
            problem("groups", "the file has " + list.size() + " groups; the limit is " + MAX_GROUPS
                    + " groups per rule file (only the first " + MAX_GROUPS + " were checked)");
        }
        for (int i = 0; i < Math.min(list.size(), MAX_GROUPS); i++) {
            String at = "groups[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                problem(at, "each group must be a map with name, interval and rules");
                continue;
            }
            RuleGroup group = group(at, m);
            if (group != null) {
                if (!names.add(group.name())) {
                    problem(at + ".name", "group '" + group.name() + "' appears twice; group names must be unique in a file");
                }
                out.add(group);
            }
        }
        return out;
    }

    private RuleGroup group(String at, Map<?, ?> m) {
        Object nameValue = m.get("name");
        String name = nameValue instanceof String s && !s.isBlank() ? s : null;
        String where = name == null ? at : "group '" + name + "'";
        if (name == null) {
            problem(at + ".name", at + ": every group needs a name");
        }
        for (Object k : m.keySet()) {
            if (!GROUP_KEYS.contains(String.valueOf(k))) {
                problem(at + "." + k, where + ": unknown key '" + k + "' (a group has name, interval, limit, rules)");
            }
        }
        Duration interval = interval(at, where, m.get("interval"));
        int limit = limit(at, where, m.get("limit"));
        List<AlertRule> rules = rules(at, where, name, m.get("rules"));
        return name == null || interval == null ? null : new RuleGroup(file, name, interval, limit, rules);
    }

    /** A group's interval: one minute by default, else whole minutes, since the evaluator runs once a minute. */
    private Duration interval(String at, String where, Object value) {
        if (value == null) {
            return Duration.ofMinutes(1);
        }
        Duration interval = duration(at + ".interval", where, value);
        if (interval != null && (interval.toSeconds() % 60 != 0 || interval.isZero())) {
            problem(at + ".interval", where + ": interval must be whole minutes (the evaluator runs every minute); got "
                    + value);
        }
        return interval;
    }

    /** A group's limit on active alerts per rule: 0 (none) by default. */
    private int limit(String at, String where, Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Number n && n.longValue() >= 0 && n.longValue() <= 100_000 && n.doubleValue() == n.longValue()) {
            return n.intValue();
        }
        problem(at + ".limit", where + ": limit must be a whole number ≥ 0");
        return 0;
    }

    /** A group's rules, counted against the file's {@link #MAX_RULES}: past it, one problem and no more checking. */
    private List<AlertRule> rules(String at, String where, String group, Object value) {
        List<AlertRule> rules = new ArrayList<>();
        if (value != null && !(value instanceof List<?>)) {
            problem(at + ".rules", where + ": rules must be a list");
            return rules;
        }
        if (value == null) {
            return rules;
        }
        List<?> list = (List<?>) value;
        for (int j = 0; j < list.size(); j++) {
            String rat = at + ".rules[" + j + "]";
            if (++ruleCount == MAX_RULES + 1) {
                problem(rat, where + ": the file has more than " + MAX_RULES + " rules; the limit is " + MAX_RULES
                        + " rules per rule file (the rest were not checked)");
            }
            if (ruleCount > MAX_RULES) {
                break;
            }
            if (!(list.get(j) instanceof Map<?, ?> r)) {
                problem(rat, where + ": each rule must be a map with alert and expr");
                continue;
            }
            AlertRule rule = rule(rat, group == null ? "?" : group, where, r);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private AlertRule rule(String at, String group, String groupWhere, Map<?, ?> r) {
        if (r.containsKey("record")) {
            problem(at + ".record", groupWhere + ", rule '" + r.get("record") + "': recording rules ('record') are not "
                    + "supported; only alerting rules ('alert') are evaluated");
            return null;
        }
        Object alertValue = r.get("alert");
        if (!(alertValue instanceof String alert) || alert.isBlank()) {
            problem(at + ".alert", groupWhere + ", " + at.substring(at.lastIndexOf('.') + 1) + ": every rule needs 'alert', its name");
            return null;
        }
        String where = groupWhere + ", rule '" + alert + "'";
        int before = problems.size();
        unknownKeys(at, where, r);
        String source = source(at, where, r.get("annotations"));
        RuleSource.Choice parsed = expression(at + ".expr", where, r.get("expr"), source);
        Expr expr = parsed == null ? null : parsed.expr();
        String prometheus = parsed == null ? null : parsed.prometheus();
        Duration forDuration = r.get("for") == null ? Duration.ZERO : duration(at + ".for", where, r.get("for"));
        Duration keep = r.get("keep_firing_for") == null ? Duration.ZERO
                : duration(at + ".keep_firing_for", where, r.get("keep_firing_for"));
        Map<String, String> labels = strings(at + ".labels", where, "labels", r.get("labels"));
        Map<String, String> annotations = strings(at + ".annotations", where, "annotations", r.get("annotations"));
        Map<String, GoTemplate> labelTemplates = templates(at + ".labels", where, labels);
        Map<String, String> visible = visible(annotations);
        Map<String, GoTemplate> annotationTemplates = templates(at + ".annotations", where, visible);
        reserved(at, where, labels, annotations, prometheus);
        // The M-of-N and missing-data extensions shape CloudWatch evaluation only; Prometheus's rules ignore them.
        int[] datapoints = prometheus != null ? new int[] {1, 1} : datapoints(at, where, annotations.get(AlertRule.DATAPOINTS));
        MissingData missing = prometheus != null ? MissingData.MISSING
                : missingData(at, where, annotations.get(AlertRule.MISSING_DATA), expr);
        if (problems.size() > before || expr == null || forDuration == null || keep == null) {
            return null;
        }
        String text = ((String) r.get("expr")).strip();
        String id = io.quantsinfra.core.promql.Labels.of("f", file, "g", group, "a", alert, "e", text).fingerprint();
        return new AlertRule(id, file, group, alert, text, expr, forDuration, keep, labels, visible, datapoints[0],
                datapoints[1], missing, labelTemplates, annotationTemplates, prometheus);
    }

    /** The annotations an alert carries: quants-infra's extensions steer evaluation and are not shown. */
    private static Map<String, String> visible(Map<String, String> annotations) {
        Map<String, String> visible = new LinkedHashMap<>(annotations);
        visible.remove(AlertRule.DATAPOINTS);
        visible.remove(AlertRule.MISSING_DATA);
        visible.remove(AlertRule.SOURCE);
        return visible;
    }

    private void unknownKeys(String at, String where, Map<?, ?> r) {
        for (Object k : r.keySet()) {
            if (!RULE_KEYS.contains(String.valueOf(k))) {
                problem(at + "." + k, where + ": unknown key '" + k + "' (a rule has alert, expr, for, keep_firing_for, "
                        + "labels, annotations)");
            }
        }
    }

    /** Where the rule asks to be evaluated ({@link AlertRule#SOURCE}), or {@code null} to let {@link RuleSource} choose. */
    private String source(String at, String where, Object annotations) {
        Object sourceValue = annotations instanceof Map<?, ?> am ? am.get(AlertRule.SOURCE) : null;
        String source = sourceValue == null ? null : String.valueOf(sourceValue).strip();
        if (source != null && !source.equals("cloudwatch") && !source.equals("prometheus")) {
            problem(at + ".annotations." + AlertRule.SOURCE, where + ": " + AlertRule.SOURCE
                    + " is cloudwatch or prometheus (where the rule is evaluated); got '" + source + "'");
            return null;
        }
        return source;
    }

    /** Labels the evaluator sets itself, and CloudWatch-only extensions on a rule Prometheus evaluates. */
    private void reserved(String at, String where, Map<String, String> labels, Map<String, String> annotations,
                          String prometheus) {
        for (String reserved : List.of("alertname")) {
            if (labels.containsKey(reserved)) {
                problem(at + ".labels." + reserved, where + ": the label " + reserved + " is set from 'alert' and cannot be overridden");
            }
        }
        if (prometheus != null) {
            for (String ext : List.of(AlertRule.DATAPOINTS, AlertRule.MISSING_DATA)) {
                if (annotations.containsKey(ext)) {
                    problem(at + ".annotations." + ext, where + ": " + ext + " applies to rules evaluated over CloudWatch; "
                            + "this one is evaluated by the monitor's Prometheus (" + prometheus + "): use 'for'");
                }
            }
        }
    }

    /** {@code quants_infra_datapoints: "M/N"}: M breaching minutes of the last N; 1 of 1 when absent or refused. */
    private int[] datapoints(String at, String where, String dp) {
        if (dp == null) {
            return new int[] {1, 1};
        }
        var matcher = DATAPOINTS.matcher(dp.strip());
        if (!matcher.matches() || Integer.parseInt(matcher.group(1)) < 1
                || Integer.parseInt(matcher.group(1)) > Integer.parseInt(matcher.group(2))
                || Integer.parseInt(matcher.group(2)) > 60) {
            problem(at + ".annotations." + AlertRule.DATAPOINTS, where + ": " + AlertRule.DATAPOINTS
                    + " is \"M/N\" with 1 ≤ M ≤ N ≤ 60 (M breaching minutes of the last N); got '" + dp + "'");
            return new int[] {1, 1};
        }
        return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))};
    }

    /**
     * {@code quants_infra_missing_data}: what a minute without data counts as. Anything but the default needs a
     * threshold on one series, where "the series has no data" means something ({@link #singleSeries}).
     */
    private MissingData missingData(String at, String where, String md, Expr expr) {
        MissingData missing = MissingData.MISSING;
        if (md == null) {
            return missing;
        }
        try {
            missing = MissingData.fromValue(md.strip());
        } catch (IllegalArgumentException e) {
            problem(at + ".annotations." + AlertRule.MISSING_DATA, where + ": " + AlertRule.MISSING_DATA + " " + e.getMessage());
        }
        if (expr != null && missing != MissingData.MISSING && !singleSeries(expr)) {
            problem(at + ".annotations." + AlertRule.MISSING_DATA, where + ": " + AlertRule.MISSING_DATA
                    + " applies only to a threshold on one series, like metric{...} > 80 or avg_over_time(metric{...}[5m]) > 80");
        }
        return missing;
    }

    /** {@code selector OP number} or {@code range_fn(selector[r]) OP number}: one output series per input series. */
    public static boolean singleSeries(Expr e) {
        return e instanceof Expr.Binary b && b.op().comparison() && !b.bool() && b.right() instanceof Expr.Number
                && (b.left() instanceof Expr.Selector || b.left() instanceof Expr.RangeCall);
    }

    /** The expression, checked and assigned a source ({@link RuleSource}); a problem and {@code null} when refused. */
    private RuleSource.Choice expression(String field, String where, Object v, String source) {
        if (!(v instanceof String s) || s.isBlank()) {
            problem(field, where + ": expr is required, a PromQL expression as a string");
            return null;
        }
        RuleSource.Choice c = RuleSource.choose(s, source);
        if (c.refusal() != null) {
            problem(field, where + ": " + c.refusal());
            return null;
        }
        return c;
    }

    private Duration duration(String field, String where, Object v) {
        String s = v instanceof String str ? str : v instanceof Number num && num.longValue() == 0 ? "0" : null;
        if (s == null) {
            problem(field, where + ": " + field.substring(field.lastIndexOf('.') + 1) + " must be a duration like 5m, got " + v);
            return null;
        }
        try {
            return PromDuration.parse(s);
        } catch (IllegalArgumentException e) {
            problem(field, where + ": " + field.substring(field.lastIndexOf('.') + 1) + ": " + e.getMessage());
            return null;
        }
    }

    private Map<String, String> strings(String field, String where, String what, Object v) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problem(field, where + ": " + what + " must be a map of names to strings");
            return out;
        }
        m.forEach((k, x) -> {
            String name = String.valueOf(k);
            if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                problem(field + "." + name, where + ": '" + name + "' is not a valid " + what.substring(0, what.length() - 1)
                        + " name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)");
            } else if (x instanceof String || x instanceof Number || x instanceof Boolean) {
                out.put(name, String.valueOf(x));
            } else {
                problem(field + "." + name, where + ": " + what + "." + name + " must be a string");
            }
        });
        return out;
    }

    private Map<String, GoTemplate> templates(String field, String where, Map<String, String> values) {
        Map<String, GoTemplate> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            try {
                out.put(k, GoTemplate.compile(v, TEMPLATE_VARIABLES));
            } catch (TemplateException e) {
                problem(field + "." + k, where + ": " + k + ": " + e.getMessage());
            }
        });
        return out;
    }
}
