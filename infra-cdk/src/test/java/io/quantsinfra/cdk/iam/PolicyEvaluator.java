package io.quantsinfra.cdk.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Decides whether a role's statements allow one {@link Required} action: an Allow whose action, resource and
 * conditions match, and no Deny that does. {@code Resource: "*"} counts only for actions without resource-level
 * permissions. Conditions on keys the request carries (request tags, tag keys, {@code ecs:cluster},
 * {@code cloudwatch:namespace}, {@code ses:FromAddress}, {@code iam:PassedToService}, {@code ecs:CreateAction})
 * are evaluated; others (resource tags, {@code kms:ViaService}, ...) are assumed met and reported.
 */
final class PolicyEvaluator {
    /** {@link Required#because()} of an action the app does not configure (no sender, no e-mail). */
    static final String NOT_CONFIGURED = "not configured in this app";
    private static final Set<String> REQUEST_KEYS = Set.of("aws:TagKeys", "ecs:cluster", "cloudwatch:namespace",
            "ses:FromAddress", "iam:PassedToService", "ecs:CreateAction");

    /** A statement of one of the role's policies, in the stack whose template holds it. */
    record Statement(String stack, String policy, Map<String, Object> json) {
        boolean allows() {
            return "Allow".equals(json.get("Effect"));
        }

        List<Object> list(String member) {
            Object v = json.get(member);
            return v instanceof List<?> l ? new ArrayList<>(l) : v == null ? List.of() : List.of(v);
        }
    }

    /** Whether it is allowed, and the condition keys that were assumed met. */
    record Verdict(boolean allowed, Set<String> unevaluated) {
    }

    private final TemplateValues values;

    PolicyEvaluator(TemplateValues values) {
        this.values = values;
    }

    Verdict evaluate(Required r, List<Statement> statements) {
        Set<String> unevaluated = new TreeSet<>();
        List<String> targets = r.resourceLevel() ? r.arns() : List.of("*");
        boolean allowed = true;
        for (String arn : targets) {
            boolean granted = statements.stream().anyMatch(s -> s.allows() && applies(s, r, arn, unevaluated));
            boolean denied = statements.stream().anyMatch(s -> !s.allows() && applies(s, r, arn, unevaluated));
            allowed &= granted && !denied;
        }
        return new Verdict(allowed, unevaluated);
    }

    private boolean applies(Statement s, Required r, String arn, Set<String> unevaluated) {
        if (s.json().containsKey("NotAction") || s.json().containsKey("NotResource")) {
            return false;   // not used by these templates; conservatively grants nothing
        }
        boolean action = s.list("Action").stream().anyMatch(a -> a instanceof String p && Pattern.compile(
                p.replace("*", ".*").replace("?", "."), Pattern.CASE_INSENSITIVE).matcher(r.action()).matches());
        if (!action) {
            return false;
        }
        boolean resource = s.list("Resource").stream().anyMatch(res -> r.resourceLevel()
                ? !TemplateValues.isStar(res) && values.matches(s.stack(), res, arn, true)
                : TemplateValues.isStar(res));
        return resource && conditions(s, r, unevaluated);
    }

    @SuppressWarnings("unchecked")
    private boolean conditions(Statement s, Required r, Set<String> unevaluated) {
        Map<String, Object> condition = (Map<String, Object>) s.json().getOrDefault("Condition", Map.of());
        for (Map.Entry<String, Object> op : condition.entrySet()) {
            for (Map.Entry<String, Object> key : ((Map<String, Object>) op.getValue()).entrySet()) {
                if (!evaluable(key.getKey(), r)) {
                    unevaluated.add(op.getKey() + " " + key.getKey());
                    continue;
                }
                Object expected = key.getValue();
                List<Object> options = expected instanceof List<?> l ? new ArrayList<>(l) : List.of(expected);
                if (!test(op.getKey(), r.context().get(key.getKey()), options, s.stack(), unevaluated)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean evaluable(String key, Required r) {
        return r.context().containsKey(key) || REQUEST_KEYS.contains(key) || key.startsWith("aws:RequestTag/");
    }

    private boolean test(String operator, List<String> actual, List<Object> options, String stack, Set<String> unevaluated) {
        boolean all = operator.startsWith("ForAllValues:");
        boolean any = operator.startsWith("ForAnyValue:");
        String base = operator.replaceFirst("^For(All|Any)Values?:", "");
        boolean ifExists = base.endsWith("IfExists");
        base = base.replaceFirst("IfExists$", "");
        boolean negated = base.contains("Not");
        boolean wildcards = base.endsWith("Like");
        if (!Set.of("StringEquals", "StringLike", "StringNotEquals", "StringNotLike", "ArnEquals", "ArnLike",
                "ArnNotEquals", "ArnNotLike").contains(base)) {
            unevaluated.add(operator);
            return true;
        }
        if (actual == null || actual.isEmpty()) {
            return ifExists || all || negated;
        }
        boolean arn = base.startsWith("Arn");
        java.util.function.Predicate<String> one = v -> options.stream()
                .anyMatch(o -> values.matches(stack, o, v, wildcards || arn));
        boolean match = all ? actual.stream().allMatch(one) : any ? actual.stream().anyMatch(one) : one.test(actual.getFirst());
        return negated != match;
    }
}
