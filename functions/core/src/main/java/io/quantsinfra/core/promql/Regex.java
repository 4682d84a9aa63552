package io.quantsinfra.core.promql;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A user-supplied regular expression: RE2 syntax and semantics (linear-time matching, no backreferences or
 * lookaround), compiled once, fully anchored as Prometheus and Alertmanager anchor their matchers.
 *
 * {@snippet :
 * Regex r = Regex.compile("freqtrade-.*", Regex.Dialect.ALERTMANAGER);
 * r.matches("freqtrade-1"); // true
 * r.matches("xfreqtrade-1"); // false: anchored at both ends
 * }
 */
public final class Regex {
    /**
     * The longest pattern accepted, in characters. Label values are short (CloudWatch dimension values are at
     * most 1,024 characters) and an alternation of 60 service names fits; a longer pattern is almost always a
     * generated list better written with a common prefix or a character class, and the bound keeps compile
     * time and memory per pattern small.
     */
    public static final int MAX_LENGTH = 1_024;

    /**
     * The most elements a pattern may expand to once counted repetitions are unrolled ({@code (a{100}){100}} is
     * 10,000). RE2 compiles {@code x{n}} into n copies of x, so nested counts multiply: {@code ((a{999}){999}){999}}
     * is 1,024 characters short but exhausts the heap. Go's regexp refuses such patterns as too large; so do we.
     */
    public static final int MAX_EXPANSION = 10_000;

    /** Whose anchoring a pattern follows; they differ only in whether {@code .} matches a newline. */
    public enum Dialect {
        /** Prometheus 3 ({@code ^(?s:re)$}): {@code .} matches {@code \n} too. */
        PROMETHEUS("^(?s:", ")$"),
        /** Alertmanager ({@code ^(?:re)$}): {@code .} does not match {@code \n} unless the pattern says {@code (?s)}. */
        ALERTMANAGER("^(?:", ")$");

        private final String open;
        private final String close;

        Dialect(String open, String close) {
            this.open = open;
            this.close = close;
        }
    }

    private final Pattern anchored;

    private Regex(Pattern anchored) {
        this.anchored = anchored;
    }

    /**
     * Compiles {@code source}; IllegalArgumentException saying why (too long, too large, or syntax RE2 does not
     * have) otherwise. The pattern is checked on its own before it is wrapped, so {@code a)|(b} cannot escape
     * the anchors.
     */
    public static Regex compile(String source, Dialect dialect) {
        checkBounds(source);
        try {
            Pattern.compile(source);
            return new Regex(Pattern.compile(dialect.open + source + dialect.close));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + shorten(source) + "' is not a valid regular expression (RE2 syntax, "
                    + "as in Prometheus and Alertmanager): " + explain(source, e.getDescription()));
        }
    }

    /**
     * IllegalArgumentException, saying which limit without quoting {@code source}, when it is over
     * {@value #MAX_LENGTH} characters or unrolls to over {@value #MAX_EXPANSION} elements; for every user regular
     * expression compiled with RE2 (templates' {@code match} and {@code reReplaceAll} too).
     */
    public static void checkBounds(String source) {
        if (source.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the regular expression is " + source.length() + " characters; the limit is "
                    + MAX_LENGTH + " characters per regular expression");
        }
        long expansion = RepeatExpansion.of(source);
        if (expansion > MAX_EXPANSION) {
            throw new IllegalArgumentException("the regular expression expands to more than " + MAX_EXPANSION
                    + " elements once its counted repetitions {n} are unrolled; the limit is " + MAX_EXPANSION);
        }
    }

    /**
     * {@code template} expanded with the groups of the whole-value match of {@code value}, as Go's
     * {@code Regexp.ExpandString} does ({@code $1}, {@code ${1}}, {@code $name}, {@code $$}); null when it does not match.
     */
    public String expand(String value, String template) {
        com.google.re2j.Matcher m = anchored.matcher(value);
        if (!m.matches()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            if (template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            boolean brace = template.charAt(i + 1) == '{';
            int j = brace ? i + 2 : i + 1;
            int k = j;
            while (k < template.length() && (Character.isLetterOrDigit(template.charAt(k)) || template.charAt(k) == '_')
                    && template.charAt(k) < 128) {
                k++;
            }
            if (k == j || brace && (k >= template.length() || template.charAt(k) != '}')) {
                out.append('$');
                i++;
                continue;
            }
            out.append(group(m, template.substring(j, k)));
            i = brace ? k + 1 : k;
        }
        return out.toString();
    }

    private String group(com.google.re2j.Matcher m, String name) {
        String g = null;
        if (name.chars().allMatch(Character::isDigit)) {
            int n = name.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(name);
            g = n <= m.groupCount() ? m.group(n) : null;
        } else if (anchored.namedGroups().containsKey(name)) {
            g = m.group(name);
        }
        return g == null ? "" : g;
    }

    /** Whether the whole of {@code value} matches. */
    public boolean matches(String value) {
        return anchored.matches(value);
    }

    private static String explain(String source, String description) {
        if (source.contains("(?=") || source.contains("(?!") || source.contains("(?<=") || source.contains("(?<!")) {
            return "lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported";
        }
        if (description.contains("escape") && hasBackreference(source)) {
            return "backreferences (\\1 ... \\9) are not supported";
        }
        if (source.contains("(?>")) {
            return "atomic groups (?>...) are not supported";
        }
        if (description.contains("internal error") || description.contains("unexpected )")) {
            return "unbalanced parentheses: a ')' closes no '('";
        }
        if (description.contains("nested repetition")) {
            return description + " (possessive quantifiers like *+ are not RE2 syntax)";
        }
        return description;
    }

    private static boolean hasBackreference(String s) {
        for (int i = 0; i + 1 < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                if (s.charAt(i + 1) >= '1' && s.charAt(i + 1) <= '9') {
                    return true;
                }
                i++;
            }
        }
        return false;
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public String toString() {
        return anchored.pattern();
    }
}
