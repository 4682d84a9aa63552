package io.quantsinfra.core.job;

import io.quantsinfra.core.error.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads typed fields of one JSON object, collecting every problem (with its path) instead of stopping at the first. */
final class Fields {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(s|m|h|d)");
    private final Map<String, Object> doc;
    private final String prefix;
    private final List<InvalidInputException> problems;

    Fields(Map<String, Object> doc, String prefix, List<InvalidInputException> problems) {
        this.doc = doc;
        this.prefix = prefix;
        this.problems = problems;
    }

    String path(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    void problem(String key, String message) {
        problems.add(new InvalidInputException(key == null ? (prefix.isEmpty() ? null : prefix) : path(key), message));
    }

    /** A literal where a secret reference belongs: its own type, as the catalogue reports it. */
    void literalSecret(String key, String message) {
        problems.add(new io.quantsinfra.core.error.LiteralSecretException(path(key), message));
    }

    void onlyKnown(Set<String> known) {
        for (String k : doc.keySet()) {
            if (!known.contains(k)) {
                problem(Publisher.bounded(k), "unknown field (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    boolean has(String key) {
        return doc.get(key) != null;
    }

    Object raw(String key) {
        return doc.get(key);
    }

    String string(String key, boolean required, int maxLength) {
        Object v = doc.get(key);
        if (v == null) {
            if (required) {
                problem(key, "is required");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            problem(key, "must be a string");
            return null;
        }
        if (s.isBlank() && required) {
            problem(key, "must not be empty");
            return null;
        }
        if (s.length() > maxLength) {
            problem(key, "is " + s.length() + " characters; at most " + maxLength);
            return null;
        }
        return s;
    }

    Integer integer(String key, int min, int max) {
        Object v = doc.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            problem(key, "must be a whole number");
            return null;
        }
        long x = n.longValue();
        if (x < min || x > max) {
            problem(key, "must be between " + min + " and " + max + ", got " + x);
            return null;
        }
        return (int) x;
    }

    /** Seconds as a number, or text {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}, or ISO-8601 {@code PT30M}. */
    Duration duration(String key, long minSeconds, long maxSeconds) {
        Object v = doc.get(key);
        if (v == null) {
            return null;
        }
        Duration d = null;
        if (v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() < 1e12) {
            d = Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        } else if (v instanceof String s) {
            Matcher m = DURATION.matcher(s.trim());
            if (m.matches()) {
                long x = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(x);
                    case "m" -> Duration.ofMinutes(x);
                    case "h" -> Duration.ofHours(x);
                    default -> Duration.ofDays(x);
                };
            } else {
                try {
                    d = Duration.parse(s.trim());
                } catch (java.time.format.DateTimeParseException e) {
                    d = null;
                }
            }
        }
        if (d == null) {
            problem(key, "must be seconds, or a duration like 90s, 30m, 2h, 1d");
            return null;
        }
        if (d.getSeconds() < minSeconds || d.compareTo(Duration.ofSeconds(maxSeconds)) > 0) {
            problem(key, "must be between " + minSeconds + " s and " + maxSeconds + " s, got " + d.getSeconds() + " s");
            return null;
        }
        return d;
    }

    List<String> strings(String key, int maxItems, int maxLength) {
        Object v = doc.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            problem(key, "must be a list of strings");
            return List.of();
        }
        if (l.size() > maxItems) {
            problem(key, "has " + l.size() + " entries; at most " + maxItems);
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof String s) || s.isEmpty()) {
                problem(key + "[" + i + "]", "must be a non-empty string");
            } else if (s.length() > maxLength) {
                problem(key + "[" + i + "]", "is " + s.length() + " characters; at most " + maxLength);
            } else {
                out.add(s);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String key) {
        Object v = doc.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            problem(key, "must be an object");
            return Map.of();
        }
        return new LinkedHashMap<>((Map<String, Object>) m);
    }
}
