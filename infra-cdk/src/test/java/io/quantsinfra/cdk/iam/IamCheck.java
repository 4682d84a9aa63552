package io.quantsinfra.cdk.iam;

import io.quantsinfra.cdk.SynthesizedApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs the check for one synthesized app: for each function, every recorded call's required actions against its
 * role's statements. {@link #report()} is the summary table and the list of what is missing.
 */
final class IamCheck {
    /** A control-plane function: its log name, its construct id in the ControlPlane stack, the handler it runs. */
    record Function(String name, String constructId, String handler) {
    }

    /** One function's result. */
    record Result(Function function, RolePolicies role, Set<String> operations, Set<String> allowed, List<String> missing,
                  Set<String> notConfigured, Set<String> unevaluated) {
    }

    static final String STACK = "ControlPlane";
    private final List<Result> results = new ArrayList<>();
    private final String appName;

    IamCheck(String appName, SynthesizedApp app, Path callsDir, List<Function> functions) {
        this.appName = appName;
        Map<String, Map<String, Object>> stacks = new LinkedHashMap<>();
        app.stackIds().forEach(id -> stacks.put(id, app.json(id)));
        TemplateValues values = new TemplateValues(stacks);
        PolicyEvaluator evaluator = new PolicyEvaluator(values);
        IamActionTable table = new IamActionTable(new IamActionTable.Deployment(sender(stacks.get(STACK))));
        for (Function f : functions) {
            results.add(check(f, RolePolicies.of(stacks, STACK, f.constructId()), RecordedCall.read(callsDir, f.name()),
                    table, evaluator));
        }
    }

    private static Result check(Function f, RolePolicies role, Set<RecordedCall> calls, IamActionTable table,
                                PolicyEvaluator evaluator) {
        Set<String> operations = new TreeSet<>();
        Set<String> failed = new TreeSet<>();
        Set<String> notConfigured = new TreeSet<>();
        Set<String> unevaluated = new TreeSet<>();
        Set<String> missing = new TreeSet<>();
        for (RecordedCall call : calls) {
            operations.add(call.key());
            for (Required r : table.required(call)) {
                if (r.because().equals(PolicyEvaluator.NOT_CONFIGURED)) {
                    notConfigured.add(call.key());
                    continue;
                }
                PolicyEvaluator.Verdict v = evaluator.evaluate(r, role.statements());
                unevaluated.addAll(v.unevaluated());
                if (!v.allowed()) {
                    failed.add(call.key());
                    missing.add(r.action() + " on " + (r.resourceLevel() ? String.join(", ", r.arns()) : "*")
                            + (r.context().isEmpty() ? "" : " " + r.context()) + "  (" + r.because() + ")");
                }
            }
        }
        Set<String> allowed = new TreeSet<>(operations);
        allowed.removeAll(failed);
        allowed.removeAll(notConfigured);
        return new Result(f, role, operations, allowed, List.copyOf(missing), notConfigured, unevaluated);
    }

    /** The address of the app's SES e-mail identity, or null when it configures none. */
    @SuppressWarnings("unchecked")
    private static String sender(Map<String, Object> template) {
        Map<String, Object> resources = (Map<String, Object>) template.getOrDefault("Resources", Map.of());
        return resources.values().stream().map(r -> (Map<String, Object>) r)
                .filter(r -> "AWS::SES::EmailIdentity".equals(r.get("Type")))
                .map(r -> (String) ((Map<String, Object>) r.get("Properties")).get("EmailIdentity"))
                .findFirst().orElse(null);
    }

    List<Result> results() {
        return results;
    }

    boolean passed() {
        return results.stream().allMatch(r -> r.missing().isEmpty());
    }

    String report() {
        StringBuilder b = new StringBuilder("IAM check, " + appName + " app: recorded AWS operations vs. the function's role\n");
        b.append(String.format("  %-17s %-10s %10s %8s %8s %14s%n", "function", "role", "operations", "allowed", "missing",
                "not configured"));
        for (Result r : results) {
            b.append(String.format("  %-17s %-10s %10d %8d %8d %14d%n", r.function().name(), shorten(r.role().role()),
                    r.operations().size(), r.allowed().size(), r.operations().size() - r.allowed().size() - r.notConfigured().size(),
                    r.notConfigured().size()));
        }
        for (Result r : results) {
            r.missing().forEach(m -> b.append("  MISSING ").append(r.function().name()).append(": ").append(m).append('\n'));
            r.notConfigured().forEach(n -> b.append("  not configured in this app, not checked: ").append(r.function().name())
                    .append(": ").append(n).append('\n'));
            if (!r.unevaluated().isEmpty()) {
                b.append("  assumed met (cannot evaluate) for ").append(r.function().name()).append(": ")
                        .append(String.join(", ", r.unevaluated())).append('\n');
            }
            if (!r.role().managedPolicies().isEmpty()) {
                b.append("  managed policies not read for ").append(r.function().name()).append(": ")
                        .append(r.role().managedPolicies().size()).append('\n');
            }
        }
        return b.toString();
    }

    private static String shorten(String logicalId) {
        return logicalId.length() <= 10 ? logicalId : logicalId.substring(0, 9) + "…";
    }
}
