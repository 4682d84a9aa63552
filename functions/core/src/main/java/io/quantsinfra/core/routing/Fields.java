package io.quantsinfra.core.routing;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.promql.PromDuration;
import io.quantsinfra.core.secret.AlertingSecrets;
import io.quantsinfra.core.secret.SecretRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads typed fields out of config maps, collecting problems with their paths instead of stopping at the first. */
final class Fields {
    private static final Pattern PLACEHOLDER = Pattern.compile(".*\\$\\{[A-Za-z_][A-Za-z0-9_]*}.*", Pattern.DOTALL);
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,256}");
    private final List<String[]> problems = new ArrayList<>();

    void problem(String field, String message) {
        problems.add(new String[] {field, message});
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    int count() {
        return problems.size();
    }

    void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        String[] first = problems.getFirst();
        StringBuilder msg = new StringBuilder(first[1]);
        if (problems.size() > 1) {
            msg.append(" (and ").append(problems.size() - 1).append(" more: ");
            for (int i = 1; i < Math.min(problems.size(), 6); i++) {
                msg.append(i > 1 ? "; " : "").append(problems.get(i)[0]).append(": ").append(problems.get(i)[1]);
            }
            msg.append(problems.size() > 6 ? "; …)" : ")");
        }
        throw new InvalidInputException(first[0], msg.toString());
    }

    /** Refuses keys outside {@code allowed}; {@code what} names the block in the message. */
    void keys(String at, Map<?, ?> m, Set<String> allowed, String what) {
        for (Object k : m.keySet()) {
            if (!allowed.contains(String.valueOf(k))) {
                problem(at + "." + k, "unknown key '" + k + "' in " + what + " (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    String string(String at, Object v, String dflt, boolean required) {
        if (v == null) {
            if (required) {
                problem(at, "is required");
            }
            return dflt;
        }
        if (v instanceof String s) {
            if (PLACEHOLDER.matcher(s).matches()) {
                problem(at, "'" + s + "' is an environment placeholder, which a Lambda cannot expand; give the value in "
                        + "the file, or a credential as a secret reference {secretRef: NAME, jsonKey: KEY}");
                return dflt;
            }
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        problem(at, "must be a string");
        return dflt;
    }

    boolean bool(String at, Object v, boolean dflt) {
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        problem(at, "must be true or false");
        return dflt;
    }

    int integer(String at, Object v, int dflt, int min, int max) {
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() >= min && n.longValue() <= max) {
            return n.intValue();
        }
        problem(at, "must be a whole number from " + min + " to " + max + ", got " + v);
        return dflt;
    }

    Duration duration(String at, Object v, Duration dflt) {
        if (v == null) {
            return dflt;
        }
        try {
            return PromDuration.parse(String.valueOf(v));
        } catch (IllegalArgumentException e) {
            problem(at, e.getMessage());
            return dflt;
        }
    }

    List<String> strings(String at, Object v) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> l)) {
            problem(at, "must be a list of strings");
            return out;
        }
        for (Object x : l) {
            if (x instanceof String s) {
                out.add(s);
            } else {
                problem(at, "must be a list of strings");
            }
        }
        return out;
    }

    /**
     * A credential: a secret reference {@code {secretRef, jsonKey}}, or (when {@code literalAllowed}) a plain
     * string. Placeholders like {@code ${TOKEN}} are refused with the way to write a reference.
     */
    Credential credential(String at, Object v, boolean required, boolean literalAllowed) {
        if (v == null) {
            if (required) {
                problem(at, "is required" + (literalAllowed ? "" : ", as a secret reference {secretRef: NAME, jsonKey: KEY}"));
            }
            return null;
        }
        if (v instanceof Map<?, ?> m) {
            return secretRef(at, m);
        }
        if (v instanceof String s && PLACEHOLDER.matcher(s).matches()) {
            problem(at, "'" + s + "' is an environment placeholder, which a Lambda cannot expand; give the credential as a "
                    + "secret reference {secretRef: NAME, jsonKey: KEY}");
            return null;
        }
        if (!literalAllowed) {
            problem(at, "is a credential: give it as a secret reference {secretRef: NAME, jsonKey: KEY}, not in the file");
            return null;
        }
        if (v instanceof String || v instanceof Number) {
            return Credential.of(String.valueOf(v));
        }
        problem(at, "must be a string or a secret reference {secretRef: NAME, jsonKey: KEY}");
        return null;
    }

    /** {@code {secretRef: NAME, jsonKey: KEY}}, naming a secret the alerting may read ({@link AlertingSecrets}). */
    private Credential secretRef(String at, Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!Set.of("secretRef", "jsonKey").contains(String.valueOf(k))) {
                problem(at + "." + k, "a secret reference has secretRef and jsonKey only");
                return null;
            }
        }
        Object name = m.get("secretRef");
        Object key = m.get("jsonKey");
        if (!(name instanceof String n) || !SECRET_NAME.matcher(n).matches()) {
            problem(at + ".secretRef", "must name a secret (letters, digits and /_+=.@-)");
            return null;
        }
        if (key != null && !(key instanceof String)) {
            problem(at + ".jsonKey", "must be a string");
            return null;
        }
        if (!AlertingSecrets.isAlerting(n)) {
            problem(at + ".secretRef", notForAlerting(n, (String) key));
            return null;
        }
        return Credential.of(new SecretRef(n, (String) key));
    }

    /** Why a reference to {@code name} is refused, with the command that stores the value where alerting may read it. */
    static String notForAlerting(String name, String jsonKey) {
        String instead = AlertingSecrets.suggestedName(name);
        return "secret '" + io.quantsinfra.core.deploy.InstanceId.printable(name) + "' is not meant for alerting: the "
                + "routing config may read only secrets named " + AlertingSecrets.PREFIX + "… (it sends what it reads to "
                + "the hosts it names); store the value for alerting with '" + AlertingSecrets.putCommand(instance(instead))
                + "' and reference {secretRef: " + instance(instead) + (jsonKey == null ? "" : ", jsonKey: " + jsonKey) + "}";
    }

    private static String instance(String name) {
        return io.quantsinfra.core.deploy.InstanceId.printable(name);
    }

    static Object get(Map<?, ?> m, String k) {
        return m.get(k);
    }
}
