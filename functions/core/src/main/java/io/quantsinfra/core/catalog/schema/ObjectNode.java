package io.quantsinfra.core.catalog.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An object with known keys, each required, optional, defaulted, or a section (a nested object filled
 * with its own defaults when absent). Unknown keys are refused with the known ones and the closest
 * match, unless the object is {@link #open()} (then they pass through as free-form values). A
 * {@code null} value counts as absent.
 *
 * {@snippet :
 * ObjectNode collector = Schema.object()
 *         .defaulted("exchange", Schema.string(), "gateio")
 *         .required("pairs", Schema.list(Schema.string(), 1, 200));
 * }
 */
public record ObjectNode(List<Field> fields, boolean isOpen) implements Node {

    /** How a key's absence is treated. */
    public enum Presence { REQUIRED, OPTIONAL, DEFAULTED, SECTION }

    /** One known key. {@code defaultValue} is set for {@link Presence#DEFAULTED} keys only. */
    public record Field(String name, Node node, Presence presence, Object defaultValue) {}

    public ObjectNode {
        fields = List.copyOf(fields);
    }

    /** A key that must be present. */
    public ObjectNode required(String name, Node node) {
        return with(new Field(name, node, Presence.REQUIRED, null));
    }

    /** A key that may be absent (and then stays absent). */
    public ObjectNode optional(String name, Node node) {
        return with(new Field(name, node, Presence.OPTIONAL, null));
    }

    /** A key that takes {@code defaultValue} (already in normalized form) when absent. */
    public ObjectNode defaulted(String name, Node node, Object defaultValue) {
        return with(new Field(name, node, Presence.DEFAULTED, defaultValue));
    }

    /** A nested object that is filled with its own defaults when absent. */
    public ObjectNode section(String name, ObjectNode node) {
        return with(new Field(name, node, Presence.SECTION, null));
    }

    /** The same object, passing unknown keys through as free-form values instead of refusing them. */
    public ObjectNode open() {
        return new ObjectNode(fields, true);
    }

    private ObjectNode with(Field f) {
        List<Field> all = new ArrayList<>(fields);
        all.add(f);
        return new ObjectNode(all, isOpen);
    }

    /** The known key names, in declaration order. */
    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    @Override
    public Object check(Object raw, Path path) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw wrongType(raw, path);
        }
        List<String> names = names();
        for (Object key : map.keySet()) {
            if (!(key instanceof String k)) {
                throw path.invalid("keys must be strings, got " + Values.kind(key) + Values.suffix(key));
            }
            if (!isOpen && !names.contains(k)) {
                throw path.key(k).invalid(Values.unknownKey(k, names));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : fields) {
            Object v = map.get(f.name());
            Path p = path.key(f.name());
            if (v != null) {
                Object n = f.node().check(v, p);
                if (n != null) {
                    out.put(f.name(), n);
                }
                continue;
            }
            switch (f.presence()) {
                case REQUIRED -> throw p.invalid("is required (" + f.node().expected() + ")");
                case DEFAULTED -> out.put(f.name(), f.defaultValue());
                case SECTION -> out.put(f.name(), f.node().check(Map.of(), p));
                case OPTIONAL -> { }
            }
        }
        if (isOpen) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String k = (String) e.getKey();
                if (!names.contains(k) && e.getValue() != null) {
                    out.put(k, FreeFormNode.ANY.check(e.getValue(), path.key(k)));
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String expected() {
        return "an object";
    }
}
