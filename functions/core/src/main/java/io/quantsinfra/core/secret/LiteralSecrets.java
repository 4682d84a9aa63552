package io.quantsinfra.core.secret;

import io.quantsinfra.core.catalog.ServiceType;
import io.quantsinfra.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code deploy --store-secrets}: finds the literal values a service's schema says are secret, and replaces
 * each with a reference to a secret named {@code <service>/<field path>} that holds it. The catalogue's own
 * validation says where the literals are, so the rule lives in one place.
 */
public final class LiteralSecrets {
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");
    private static final int MAX_LITERALS = 64;

    private LiteralSecrets() {}

    /** A literal found at {@code field}, to be stored as secret {@code name}. */
    public record Literal(String field, String name, SecretValue value) {}

    /** The document with literals replaced by references, and the literals to store. */
    public record Extraction(Map<String, Object> document, List<Literal> literals) {
        public Extraction {
            literals = List.copyOf(literals);
        }
    }

    /** Replaces every literal secret in {@code raw}; other validation errors are left for the deploy to report. */
    public static Extraction extract(ServiceType type, Map<String, Object> raw) {
        Map<String, Object> doc = copy(raw);
        List<Literal> found = new ArrayList<>();
        while (found.size() <= MAX_LITERALS) {
            List<InvalidInputException> literals;
            try {
                type.validate(doc);
                return new Extraction(doc, found);
            } catch (InvalidInputException e) {
                // Every literal of the document at once; the other problems are left for the deploy to report.
                literals = e.singles().stream()
                        .filter(p -> p instanceof io.quantsinfra.core.error.LiteralSecretException && p.field() != null)
                        .toList();
            }
            if (literals.isEmpty()) {
                return new Extraction(doc, found);
            }
            for (InvalidInputException l : literals) {
                Object literal = get(doc, l.field());
                String name = type.name() + "/" + l.field().replaceAll("\\[(\\d+)]", "/$1").replace('.', '/');
                found.add(new Literal(l.field(), name, SecretValue.of(String.valueOf(literal))));
                set(doc, l.field(), Map.of("secretRef", name));
            }
        }
        throw new InvalidInputException("config", "more than " + MAX_LITERALS + " literal secrets");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, deep(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object deep(Object v) {
        if (v instanceof Map<?, ?> m) {
            return copy((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(deep(x)));
            return out;
        }
        return v;
    }

    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        Matcher m = STEP.matcher(path);
        while (m.find()) {
            steps.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
        }
        return steps;
    }

    @SuppressWarnings("unchecked")
    private static Object get(Object doc, String path) {
        Object at = doc;
        for (Object step : steps(path)) {
            at = step instanceof Integer i ? ((List<Object>) at).get(i) : ((Map<String, Object>) at).get(step);
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static void set(Object doc, String path, Object value) {
        List<Object> steps = steps(path);
        Object at = doc;
        for (Object step : steps.subList(0, steps.size() - 1)) {
            at = step instanceof Integer i ? ((List<Object>) at).get(i) : ((Map<String, Object>) at).get(step);
        }
        Object last = steps.getLast();
        if (last instanceof Integer i) {
            ((List<Object>) at).set(i, value);
        } else {
            ((Map<String, Object>) at).put((String) last, value);
        }
    }
}
