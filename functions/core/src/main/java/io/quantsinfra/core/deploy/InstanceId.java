package io.quantsinfra.core.deploy;

import io.quantsinfra.core.error.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An instance id, {@code <service>-<n>} with n from 1: the name of its ECS service and of its task
 * definition family. Parsing refuses anything else (path-like ids, zero, leading zeros).
 *
 * {@snippet :
 * InstanceId id = InstanceId.parse("data-collector-2"); // service "data-collector", index 2
 * }
 */
public record InstanceId(String service, int index) implements Comparable<InstanceId> {
    private static final Pattern FORM = Pattern.compile("([a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*)-([1-9][0-9]{0,2})");

    public InstanceId {
        if (index < 1) {
            throw new InvalidInputException("instance", "index must be at least 1, got " + index);
        }
    }

    /** Parses {@code <service>-<n>}; the service part is not checked against the catalogue here. */
    public static InstanceId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("instance", "an instance id is required, like data-collector-1");
        }
        Matcher m = FORM.matcher(text);
        if (text.length() > 64 || !m.matches()) {
            throw new InvalidInputException("instance",
                    "'" + printable(text) + "' is not an instance id; expected <service>-<n>, like data-collector-1");
        }
        return new InstanceId(m.group(1), Integer.parseInt(m.group(2)));
    }

    /** Whether {@code name} looks like an instance of {@code service} (used when listing ECS services). */
    public static boolean isInstanceOf(String name, String service) {
        Matcher m = FORM.matcher(name);
        return m.matches() && m.group(1).equals(service);
    }

    public static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public String toString() {
        return service + "-" + index;
    }

    @Override
    public int compareTo(InstanceId o) {
        int c = service.compareTo(o.service);
        return c != 0 ? c : Integer.compare(index, o.index);
    }
}
