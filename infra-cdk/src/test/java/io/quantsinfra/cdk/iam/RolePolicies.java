package io.quantsinfra.cdk.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A control-plane function as the templates define it: its Lambda (found by construct id), the role it runs
 * with ({@code Role: Fn::GetAtt [role, Arn]}), and the statements of the role's inline policies and of every
 * {@code AWS::IAM::Policy} attached to it. Managed policies are named, not read.
 */
record RolePolicies(String lambda, String handler, String role, List<PolicyEvaluator.Statement> statements,
                    List<Object> managedPolicies) {

    /** The function whose construct is {@code ControlPlane/<constructId>/...}; an AssertionError when there is not exactly one. */
    @SuppressWarnings("unchecked")
    static RolePolicies of(Map<String, Map<String, Object>> stacks, String stack, String constructId) {
        Map<String, Object> resources = resources(stacks.get(stack));
        List<String> lambdas = resources.entrySet().stream()
                .filter(e -> "AWS::Lambda::Function".equals(((Map<String, Object>) e.getValue()).get("Type")))
                // Logical ids are built from the construct path (the templates carry no path metadata).
                .filter(e -> e.getKey().matches(constructId + "Function[0-9A-F]{8}"))
                .map(Map.Entry::getKey).toList();
        if (lambdas.size() != 1) {
            throw new AssertionError("expected one Lambda under " + stack + "/" + constructId + ", found " + lambdas);
        }
        Map<String, Object> props = (Map<String, Object>) at(resources.get(lambdas.getFirst()), "Properties");
        String role = (String) ((List<Object>) ((Map<String, Object>) props.get("Role")).get("Fn::GetAtt")).getFirst();
        List<PolicyEvaluator.Statement> statements = new ArrayList<>();
        Map<String, Object> roleProps = (Map<String, Object>) at(resources.get(role), "Properties");
        for (Object p : (List<Object>) roleProps.getOrDefault("Policies", List.of())) {
            collect(stack, role + "/" + at(p, "PolicyName"), at(p, "PolicyDocument"), statements);
        }
        resources.forEach((id, r) -> {
            if ("AWS::IAM::Policy".equals(at(r, "Type"))
                    && ((List<Object>) at(r, "Properties", "Roles")).contains(Map.of("Ref", role))) {
                collect(stack, id, at(r, "Properties", "PolicyDocument"), statements);
            }
        });
        return new RolePolicies(lambdas.getFirst(), (String) props.get("Handler"), role, statements,
                (List<Object>) roleProps.getOrDefault("ManagedPolicyArns", List.of()));
    }

    @SuppressWarnings("unchecked")
    private static void collect(String stack, String policy, Object document, List<PolicyEvaluator.Statement> out) {
        for (Object s : (List<Object>) at(document, "Statement")) {
            out.add(new PolicyEvaluator.Statement(stack, policy, (Map<String, Object>) s));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources(Map<String, Object> template) {
        return (Map<String, Object>) template.getOrDefault("Resources", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Object at(Object node, String... path) {
        for (String key : path) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = ((Map<String, Object>) m).get(key);
        }
        return node;
    }
}
