package io.quantsinfra.core.catalog.schema;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An object with known keys, each required, optional, defaulted, or a section (a nested object filled
 * with its own defaults when absent). Unknown keys are refused with the known ones and the closest
 * match, unless the object is {@link #open()} (then they pass through as free-form values) or
 * {@link #passingTo(String)} (they pass through, and {@link #review} warns about each, with the closest
 * known key when it looks like a typo). A {@code null} value counts as absent. Every problem of the object
 * is reported at once, each with its path.
 *
 * {@snippet :
 * ObjectNode collector = Schema.object()
 *         .defaulted("exchange", Schema.string(), "gateio")
 *         .required("pairs", Schema.list(Schema.string(), 1, 200));
 * }
 *
 * @param passTo who reads unknown keys ({@code "Freqtrade"}), named in warnings; {@code null}: no warnings
 */
public record ObjectNode(List<Field> fields, boolean isOpen, String passTo) implements Node {

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
        return new ObjectNode(fields, true, passTo);
    }

    /** The same object, passing unknown keys through to {@code reader} (who validates them) with a warning each. */
    public ObjectNode passingTo(String reader) {
        return new ObjectNode(fields, true, reader);
    }

    private ObjectNode with(Field f) {
        List<Field> all = new ArrayList<>(fields);
        all.add(f);
        return new ObjectNode(all, isOpen, passTo);
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
        List<InvalidInputException> problems = new ArrayList<>();
        List<String> names = names();
        for (Object key : map.keySet()) {
            if (!(key instanceof String k)) {
                problems.add(path.invalid("keys must be strings, got " + Values.kind(key) + Values.suffix(key)));
            } else if (!isOpen && !names.contains(k)) {
                problems.add(path.key(k).invalid(Values.unknownKey(k, names)));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, String> typos = typos(map, names);
        for (Field f : fields) {
            try {
                String typo = typos.get(f.name());
                checkField(f, map.get(f.name()), path.key(f.name()), out,
                        typo == null ? "" : "; the document has " + Json.quote(typo) + ": a typo?");
            } catch (InvalidInputException e) {
                problems.add(e);
            }
        }
        if (isOpen) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey() instanceof String k && !names.contains(k) && e.getValue() != null) {
                    try {
                        out.put(k, FreeFormNode.ANY.check(e.getValue(), path.key(k)));
                    } catch (InvalidInputException x) {
                        problems.add(x);
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.of(problems);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * For an open object, each known name with the first unknown key closest to it ({@code stake_amount} →
     * {@code stake_ammount}), for {@code "; the document has \"stake_ammount\": a typo?"}. One {@link Values#closest} per
     * unknown key: asked per field, it cost fields × unknown keys × names (11 s for 8,000 keys).
     */
    private Map<String, String> typos(Map<?, ?> map, List<String> names) {
        if (!isOpen) {
            return Map.of();
        }
        java.util.Set<String> known = new java.util.HashSet<>(names);
        Map<String, String> typos = new java.util.HashMap<>();
        for (Object k : map.keySet()) {
            if (k instanceof String s && !known.contains(s)) {
                String closest = Values.closest(s, names);
                if (closest != null) {
                    typos.putIfAbsent(closest, s);
                }
            }
        }
        return typos;
    }

    private static void checkField(Field f, Object v, Path p, Map<String, Object> out, String typo) {
        if (v != null) {
            Object n = f.node().check(v, p);
            if (n != null) {
                out.put(f.name(), n);
            }
            return;
        }
        switch (f.presence()) {
            case REQUIRED -> throw p.invalid("is required (" + f.node().expected() + ")" + typo);
            case DEFAULTED -> out.put(f.name(), f.defaultValue());
            case SECTION -> out.put(f.name(), f.node().check(Map.of(), p));
            case OPTIONAL -> { }
        }
    }

    @Override
    public void review(Object raw, Path path, List<Warning> out) {
        if (!(raw instanceof Map<?, ?> map)) {
            return;
        }
        List<String> names = names();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k) || e.getValue() == null) {
                continue;
            }
            int known = names.indexOf(k);
            if (known >= 0) {
                fields.get(known).node().review(e.getValue(), path.key(k), out);
            } else if (passTo != null) {
                String near = Values.closest(k, names);
                out.add(new Warning(path.key(k).text(), near != null && !near.equals(k)
                        ? "not a key quants-infra knows; did you mean " + Json.quote(near) + "? Passed to " + passTo
                                + " as written"
                        : "not checked by quants-infra, passed to " + passTo + " as written"));
            }
        }
    }

    @Override
    public String expected() {
        return "an object";
    }
}
