package io.quantsinfra.core.catalog.schema;

import io.quantsinfra.core.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Helpers for messages about raw values: their kind ("a string"), a safe rendering that hides anything
 * that looks like a secret, "did you mean" suggestions, and number normalization (parsers give Integer,
 * Long, BigInteger, Double or BigDecimal for the same document).
 */
public final class Values {
    private static final int SHOWN = 48;
    /** What a query parameter's name contains when it carries a credential ({@code ?api_token=}, {@code &sig=}). */
    private static final List<String> CREDENTIAL_PARAMETER_WORDS = List.of("token", "key", "secret", "sig", "signature",
            "pass", "auth");

    private Values() {}

    /** {@code a string}, {@code an integer}, {@code a number}, {@code a boolean}, {@code a list}, {@code an object}. */
    public static String kind(Object v) {
        return switch (v) {
            case null -> "null";
            case String _ -> "a string";
            case Boolean _ -> "a boolean";
            case Integer _, Long _, Short _, Byte _, BigInteger _ -> "an integer";
            case Number _ -> "a number";
            case List<?> _ -> "a list";
            case Map<?, ?> _ -> "an object";
            default -> "a " + v.getClass().getSimpleName();
        };
    }

    /** {@code " (\"5\")"}, {@code " (5.5)"}, or nothing for collections and secret-looking strings. */
    static String suffix(Object v) {
        return switch (v) {
            case String s -> looksSecret(s) ? " (value hidden: it looks like a secret)" : " (" + show(s) + ")";
            case Number n -> " (" + n + ")";
            case Boolean b -> " (" + b + ")";
            default -> "";
        };
    }

    /** A string for a message: quoted, shortened, control characters replaced, secrets hidden. */
    public static String show(String s) {
        if (looksSecret(s)) {
            return "<hidden>";
        }
        String cut = s.length() > SHOWN ? s.substring(0, SHOWN) + "…" : s;
        return Json.quote(cut.replaceAll("\\p{Cntrl}", "?"));
    }

    /**
     * Whether {@code s} looks like a credential: a long unbroken string mixing character classes (API keys,
     * tokens), or a URL carrying user info or a credential-named query parameter.
     */
    public static boolean looksSecret(String s) {
        if (s.contains("://") && (s.contains("@") || hasCredentialParameter(s))) {
            return true;
        }
        if (s.length() < 16 || s.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        boolean lower = s.chars().anyMatch(Character::isLowerCase);
        boolean upper = s.chars().anyMatch(Character::isUpperCase);
        boolean digit = s.chars().anyMatch(Character::isDigit);
        boolean other = s.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        return classes >= 3 || (s.length() >= 24 && digit && classes >= 2);
    }

    /**
     * Whether {@code s} has a {@code ?name=} or {@code &name=} whose name contains token, key, secret, sig, signature,
     * pass or auth (any case). One pass: a name runs from a {@code ?} or {@code &} to the next {@code =} or {@code &},
     * and a later {@code ?} in the same name only gives a suffix of it, so each name is read once. (The regular
     * expression this replaces, {@code [?&][^=&]*(token|…)[^=&]*=}, backtracked quadratically on long hostile values:
     * 12 s for 120 KB.)
     */
    public static boolean hasCredentialParameter(String s) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '?' && c != '&') {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < s.length() && s.charAt(end) != '=' && s.charAt(end) != '&') {
                end++;
            }
            if (end < s.length() && s.charAt(end) == '=') {
                String name = s.substring(i + 1, end).toLowerCase(Locale.ROOT);
                if (CREDENTIAL_PARAMETER_WORDS.stream().anyMatch(name::contains)) {
                    return true;
                }
                i = end + 1;
            } else {
                i = end; // the '&' that ended this name starts the next, or the end of s
            }
        }
        return false;
    }

    /** The known name closest to {@code given} (case-insensitive, typos and transpositions), or {@code null}. */
    public static String closest(String given, Collection<String> known) {
        String g = given.toLowerCase(Locale.ROOT).replace("-", "_");
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int allowed = Math.max(1, Math.min(3, given.length() / 3));
        for (String k : known) {
            String kk = k.toLowerCase(Locale.ROOT).replace("-", "_");
            if (Math.abs(g.length() - kk.length()) > allowed) {
                continue; // the distance is at least the difference in length: no table to fill for it
            }
            int d = distance(g, kk);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return bestDistance <= allowed ? best : null;
    }

    /** {@code "; did you mean \"x\"?"} or nothing. */
    public static String didYouMean(String given, Collection<String> known) {
        String c = closest(given, known);
        return c == null ? "" : "; did you mean " + Json.quote(c) + "?";
    }

    /** {@code unknown key; did you mean "x"? Known keys: a, b.} (or {@code unknown key. Known keys: ...}). */
    public static String unknownKey(String key, List<String> known) {
        String c = closest(key, known);
        return "unknown key" + (c == null ? "." : "; did you mean " + Json.quote(c) + "?")
                + " Known keys: " + String.join(", ", known) + ".";
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The value of an integral number (5, 5L, 5.0), or {@code null} for 5.5, NaN or a non-number. */
    public static Long integral(Object v) {
        return switch (v) {
            case Integer i -> i.longValue();
            case Long l -> l;
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case BigInteger bi -> bi.bitLength() < 64 ? bi.longValue() : null;
            case BigDecimal bd -> {
                try {
                    yield bd.longValueExact();
                } catch (ArithmeticException e) {
                    yield null;
                }
            }
            case Double d -> isWhole(d) ? (Long) d.longValue() : null;
            case Float f -> isWhole(f.doubleValue()) ? (Long) (long) f.floatValue() : null;
            default -> null;
        };
    }

    private static boolean isWhole(double d) {
        return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9.0e15;
    }

    /**
     * One representation per number, whatever the parser or store produced (Integer, Long, BigInteger,
     * Double, BigDecimal): whole values become {@code Long}, the others {@code Double}. So {@code 100},
     * {@code 100.0} and a {@code BigDecimal} read back from storage compare equal and render as {@code 100}.
     * Infinite and NaN values are refused.
     */
    public static Object normalizeNumber(Number n, Path path) {
        Long whole = integral(n);
        if (whole != null) {
            return whole;
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw path.invalid("number out of range: " + n);
        }
        return d;
    }
}
