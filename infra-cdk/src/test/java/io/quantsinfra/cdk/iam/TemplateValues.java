package io.quantsinfra.cdk.iam;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a template value (strings and the intrinsics {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Join},
 * {@code Fn::Sub}, {@code Fn::ImportValue} and {@code Fn::GetStackOutput} across the app's stacks) into a regular expression a concrete value
 * must match. Pseudo parameters match any region/account; a physical name the template leaves to CloudFormation
 * (a bucket or role without a name) matches any one name. In wildcard mode {@code *} and {@code ?} are IAM's.
 */
final class TemplateValues {
    /** Any one generated physical name. */
    static final String UNKNOWN = "[^:/]+";
    /** What an intrinsic this resolver does not know matches: nothing (the check then says what is missing). */
    static final String NEVER = "(?!)";
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern TOKEN = Pattern.compile("%([RAN])");
    /** Resource type → the property that holds the name its Ref returns, and how its Arn is built from the name. */
    private static final Map<String, String[]> NAMED = Map.of(
            "AWS::DynamoDB::Table", new String[] {"TableName", "arn:aws:dynamodb:%R:%A:table/%N"},
            "AWS::S3::Bucket", new String[] {"BucketName", "arn:aws:s3:::%N"},
            "AWS::IAM::Role", new String[] {"RoleName", "arn:aws:iam::%A:role/%N"},
            "AWS::SES::EmailIdentity", new String[] {"EmailIdentity", "arn:aws:ses:%R:%A:identity/%N"},
            "AWS::KMS::Key", new String[] {"", "arn:aws:kms:%R:%A:key/%N"},
            "AWS::Logs::LogGroup", new String[] {"LogGroupName", "arn:aws:logs:%R:%A:log-group:%N:*"},
            "AWS::ECS::Cluster", new String[] {"ClusterName", "arn:aws:ecs:%R:%A:cluster/%N"});

    private final Map<String, Map<String, Object>> stacks;

    /** @param stacks every stack's template by stack id (for {@code Fn::ImportValue}) */
    TemplateValues(Map<String, Map<String, Object>> stacks) {
        this.stacks = stacks;
    }

    /** Whether {@code concrete} is one of the values {@code value} (in {@code stack}) may take. */
    boolean matches(String stack, Object value, String concrete, boolean wildcards) {
        return Pattern.compile(resolve(stack, value, wildcards), Pattern.DOTALL).matcher(concrete).matches();
    }

    /** Whether {@code value} is exactly the literal {@code *}. */
    static boolean isStar(Object value) {
        return "*".equals(value);
    }

    @SuppressWarnings("unchecked")
    String resolve(String stack, Object value, boolean wildcards) {
        if (value instanceof String s) {
            return literal(s, wildcards);
        }
        if (!(value instanceof Map<?, ?> m) || m.size() != 1) {
            return NEVER;
        }
        Map.Entry<String, Object> fn = ((Map<String, Object>) m).entrySet().iterator().next();
        return switch (fn.getKey()) {
            case "Ref" -> ref(stack, (String) fn.getValue());
            case "Fn::GetAtt" -> getAtt(stack, (List<Object>) fn.getValue());
            case "Fn::Join" -> join(stack, (List<Object>) fn.getValue(), wildcards);
            case "Fn::Sub" -> sub(stack, fn.getValue(), wildcards);
            case "Fn::ImportValue" -> importValue(fn.getValue(), wildcards);
            case "Fn::GetStackOutput" -> stackOutput((String) ((Map<String, Object>) fn.getValue()).get("OutputName"), wildcards);
            default -> NEVER;
        };
    }

    private static String literal(String s, boolean wildcards) {
        if (!wildcards) {
            return Pattern.quote(s);
        }
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return b.toString();
    }

    private String join(String stack, List<Object> args, boolean wildcards) {
        StringBuilder b = new StringBuilder();
        String sep = literal((String) args.get(0), wildcards);
        List<?> parts = (List<?>) args.get(1);
        for (int i = 0; i < parts.size(); i++) {
            b.append(i == 0 ? "" : sep).append(resolve(stack, parts.get(i), wildcards));
        }
        return b.toString();
    }

    private String sub(String stack, Object arg, boolean wildcards) {
        String text = arg instanceof List<?> l ? (String) l.get(0) : (String) arg;
        StringBuilder b = new StringBuilder();
        Matcher m = SUB.matcher(text);
        int at = 0;
        while (m.find()) {
            b.append(literal(text.substring(at, m.start()), wildcards));
            String name = m.group(1);
            int dot = name.indexOf('.');
            b.append(dot < 0 ? ref(stack, name) : getAtt(stack, List.of(name.substring(0, dot), name.substring(dot + 1))));
            at = m.end();
        }
        return b.append(literal(text.substring(at), wildcards)).toString();
    }

    private String ref(String stack, String name) {
        return switch (name) {
            case "AWS::Partition" -> "aws";
            case "AWS::Region", "AWS::AccountId" -> "[^:]*";
            case "AWS::URLSuffix" -> Pattern.quote("amazonaws.com");
            default -> name(stack, name);
        };
    }

    private String getAtt(String stack, List<Object> args) {
        Map<String, Object> res = resource(stack, (String) args.get(0));
        String[] named = res == null ? null : NAMED.get((String) res.get("Type"));
        if (named == null || !"Arn".equals(args.get(1))) {
            return NEVER;
        }
        String name = name(stack, (String) args.get(0));
        StringBuilder b = new StringBuilder();
        Matcher m = TOKEN.matcher(named[1]);
        int at = 0;
        while (m.find()) {
            b.append(Pattern.quote(named[1].substring(at, m.start()))).append(m.group(1).equals("N") ? name : "[^:]*");
            at = m.end();
        }
        return b.append(literal(named[1].substring(at), true)).toString();
    }

    /** The name a resource's Ref returns: its name property, or any one generated name. */
    @SuppressWarnings("unchecked")
    private String name(String stack, String logicalId) {
        Map<String, Object> res = resource(stack, logicalId);
        String[] named = res == null ? null : NAMED.get((String) res.get("Type"));
        if (named == null || named[0].isEmpty()) {
            return UNKNOWN;
        }
        Object prop = ((Map<String, Object>) res.getOrDefault("Properties", Map.of())).get(named[0]);
        return prop == null ? UNKNOWN : resolve(stack, prop, false);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resource(String stack, String logicalId) {
        Map<String, Object> resources = (Map<String, Object>) stacks.get(stack).getOrDefault("Resources", Map.of());
        return (Map<String, Object>) resources.get(logicalId);
    }

    /** A cross-stack reference ({@code Fn::GetStackOutput}): the output's value, resolved in the stack that has it. */
    @SuppressWarnings("unchecked")
    private String stackOutput(String outputName, boolean wildcards) {
        for (Map.Entry<String, Map<String, Object>> s : stacks.entrySet()) {
            Map<String, Object> outputs = (Map<String, Object>) s.getValue().getOrDefault("Outputs", Map.of());
            if (outputs.get(outputName) instanceof Map<?, ?> out) {
                return resolve(s.getKey(), out.get("Value"), wildcards);
            }
        }
        return NEVER;
    }

    /** The export's value, resolved in the stack that exports it. */
    @SuppressWarnings("unchecked")
    private String importValue(Object exportName, boolean wildcards) {
        for (Map.Entry<String, Map<String, Object>> s : stacks.entrySet()) {
            Map<String, Object> outputs = (Map<String, Object>) s.getValue().getOrDefault("Outputs", Map.of());
            for (Object o : outputs.values()) {
                Map<String, Object> out = (Map<String, Object>) o;
                Object name = ((Map<String, Object>) out.getOrDefault("Export", Map.of())).get("Name");
                if (exportName.equals(name)) {
                    return resolve(s.getKey(), out.get("Value"), wildcards);
                }
            }
        }
        return NEVER;
    }
}
