package io.quantsinfra.cdk.config;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed access to context values. A value may be a JSON value from {@code cdk.json} or a string from
 * {@code -c key=value}; both are read the same way. Absent or empty means "use the default".
 */
final class Context {
    private final Function<String, Object> source;

    Context(Function<String, Object> source) {
        this.source = source;
    }

    String string(String key, String dflt) {
        Object v = source.apply(key);
        if (v == null) {
            return dflt;
        }
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? dflt : s;
    }

    String matching(String key, String dflt, Pattern pattern, String what) {
        String v = string(key, dflt);
        if (v != null && !pattern.matcher(v).matches()) {
            throw new InvalidContextException(key, "must be " + what + ", got '" + v + "'");
        }
        return v;
    }

    int integer(String key, int dflt, int min, int max) {
        String v = string(key, null);
        if (v == null) {
            return dflt;
        }
        int n;
        try {
            n = new java.math.BigDecimal(v).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidContextException(key, "must be a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new InvalidContextException(key, "must be from " + min + " to " + max + ", got " + n);
        }
        return n;
    }

    <E extends Enum<E>> E choice(String key, E dflt, Class<E> type) {
        String v = string(key, null);
        if (v == null) {
            return dflt;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw new InvalidContextException(key, "must be one of "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList()
                + ", got '" + v + "'");
    }

    /** A list given as a JSON array or a comma-separated string. */
    List<String> list(String key) {
        Object v = source.apply(key);
        if (v == null) {
            return List.of();
        }
        List<?> raw = v instanceof List<?> l ? l : Arrays.asList(String.valueOf(v).split(","));
        return raw.stream().map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
