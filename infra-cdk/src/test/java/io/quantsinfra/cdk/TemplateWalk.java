package io.quantsinfra.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads synthesized templates as plain JSON: resources of a type across stacks, IAM statements, property paths. */
final class TemplateWalk {
    private TemplateWalk() {
    }

    /** A resource of a stack: where it is and its JSON. */
    record Resource(String stack, String logicalId, Map<String, Object> json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> properties() {
            return (Map<String, Object>) json.getOrDefault("Properties", Map.of());
        }

        String type() {
            return (String) json.get("Type");
        }

        @Override
        public String toString() {
            return stack + "/" + logicalId;
        }
    }

    /** An IAM statement and the resource whose policy document holds it. */
    record Statement(Resource owner, Map<String, Object> json) {
        List<String> actions() {
            return strings(json.get("Action"));
        }

        boolean allows() {
            return "Allow".equals(json.get("Effect"));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> condition() {
            return (Map<String, Object>) json.getOrDefault("Condition", Map.of());
        }

        List<Object> resources() {
            Object r = json.get("Resource");
            return r instanceof List<?> l ? new ArrayList<>(l) : r == null ? List.of() : List.of(r);
        }

        @Override
        public String toString() {
            return owner + " " + json.getOrDefault("Sid", "") + " " + actions();
        }
    }

    @SuppressWarnings("unchecked")
    static List<Resource> resources(SynthesizedApp app) {
        List<Resource> all = new ArrayList<>();
        for (String stack : app.stackIds()) {
            Map<String, Object> res = (Map<String, Object>) app.json(stack).getOrDefault("Resources", Map.of());
            res.forEach((id, json) -> all.add(new Resource(stack, id, (Map<String, Object>) json)));
        }
        return all;
    }

    static List<Resource> resources(SynthesizedApp app, String type) {
        return resources(app).stream().filter(r -> type.equals(r.type())).toList();
    }

    /** Every statement of every policy document in the app (identity policies, inline role policies, resource policies). */
    static List<Statement> statements(SynthesizedApp app) {
        List<Statement> out = new ArrayList<>();
        for (Resource r : resources(app)) {
            collect(r, r.properties(), out);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Resource owner, Object node, List<Statement> out) {
        if (node instanceof Map<?, ?> m) {
            Object statements = m.get("Statement");
            if (statements instanceof List<?> list && m.containsKey("Version")) {
                list.forEach(s -> out.add(new Statement(owner, (Map<String, Object>) s)));
            }
            m.values().forEach(v -> collect(owner, v, out));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collect(owner, v, out));
        }
    }

    static List<String> strings(Object o) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(o));
    }

    /** The value at a path of map keys. */
    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> json, String... path) {
        Object node = json;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = ((Map<String, Object>) m).get(key);
        }
        return node;
    }
}
