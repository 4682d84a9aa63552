package io.quantsinfra.core.catalog.schema;

import io.quantsinfra.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A list whose elements all satisfy {@code element}, with size bounds and optionally no duplicates. */
public record ListNode(Node element, int min, int max, boolean noDuplicates) implements Node {

    /** The same node, refusing duplicate elements. */
    public ListNode unique() {
        return new ListNode(element, min, max, true);
    }

    @Override
    public Object check(Object raw, Path path) {
        if (!(raw instanceof List<?> list)) {
            throw wrongType(raw, path);
        }
        if (list.size() < min) {
            throw path.invalid(min == 1 ? "must not be empty" : "must have at least " + min + " entries, got " + list.size());
        }
        if (list.size() > max) {
            throw path.invalid("must have at most " + max + " entries, got " + list.size());
        }
        List<Object> out = new ArrayList<>(list.size());
        Map<Object, Integer> seen = new HashMap<>();
        List<InvalidInputException> problems = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object v = list.get(i);
            Path p = path.index(i);
            if (v == null) {
                problems.add(p.invalid("expected " + element.expected() + ", got null"));
                continue;
            }
            try {
                Object n = element.check(v, p);
                Integer first = seen.putIfAbsent(n, i);
                if (noDuplicates && first != null) {
                    throw p.invalid("duplicate of " + path.index(first));
                }
                out.add(n);
            } catch (InvalidInputException e) {
                problems.add(e);
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.of(problems);
        }
        return List.copyOf(out);
    }

    @Override
    public void review(Object raw, Path path, List<Warning> out) {
        if (raw instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) != null) {
                    element.review(list.get(i), path.index(i), out);
                }
            }
        }
    }

    @Override
    public String expected() {
        return "a list of " + element.expected();
    }
}
