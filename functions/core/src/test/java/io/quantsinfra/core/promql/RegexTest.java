package io.quantsinfra.core.promql;

import static io.quantsinfra.core.promql.Regex.Dialect.ALERTMANAGER;
import static io.quantsinfra.core.promql.Regex.Dialect.PROMETHEUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * User regexes follow RE2 and are anchored like Prometheus ({@code ^(?s:re)$}) and Alertmanager
 * ({@code ^(?:re)$}). The "old" column is what java.util.regex with {@code ^(?:re)$} and DOTALL (the previous
 * implementation) answered, so each row that differs states a behaviour change on purpose.
 */
class RegexTest {

    static Stream<Arguments> semantics() {
        return Stream.of(
                Arguments.of("anchored at the start", PROMETHEUS, "freqtrade-.*", "x-freqtrade-1", false, false),
                Arguments.of("anchored at the end", ALERTMANAGER, "critical", "critical!", false, false),
                Arguments.of("alternation is anchored as a whole", ALERTMANAGER, "a|b", "ab", false, false),
                Arguments.of("a shorter alternative does not stop a full match", PROMETHEUS, "a|ab", "ab", true, true),
                Arguments.of("empty pattern matches only empty", PROMETHEUS, "", "x", false, false),
                Arguments.of("empty pattern matches a missing label", ALERTMANAGER, "", "", true, true),
                Arguments.of("prometheus: dot matches newline", PROMETHEUS, "a.b", "a\nb", true, true),
                Arguments.of("alertmanager: dot does not match newline", ALERTMANAGER, "a.b", "a\nb", false, true),
                Arguments.of("alertmanager: (?s) lets dot match newline", ALERTMANAGER, "(?s)a.b", "a\nb", true, true),
                Arguments.of("$ is the end of text, not before a final newline", ALERTMANAGER, "x$", "x\n", false, false),
                Arguments.of("case-insensitive flag", ALERTMANAGER, "(?i)CRIT.*", "critical", true, true),
                Arguments.of("perl classes", PROMETHEUS, "\\w+-\\d+", "freqtrade-12", true, true),
                Arguments.of("posix classes", PROMETHEUS, "[[:alpha:]]+", "abc", true, false),
                Arguments.of("unicode classes", PROMETHEUS, "\\pL+", "ÄÖü", true, true),
                Arguments.of("\\Q..\\E quotes", ALERTMANAGER, "\\Qa.b\\E", "axb", false, false),
                Arguments.of("named group, Go style", PROMETHEUS, "(?P<svc>freqtrade)-1", "freqtrade-1", true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void semantics(String name, Regex.Dialect dialect, String pattern, String input, boolean re2, boolean old) {
        assertEquals(re2, Regex.compile(pattern, dialect).matches(input));
        assertEquals(old, oldBehaviour(pattern, input), "the previous java.util.regex answer");
    }

    private static boolean oldBehaviour(String pattern, String input) {
        try {
            return java.util.regex.Pattern.compile("^(?:" + pattern + ")$", java.util.regex.Pattern.DOTALL).matcher(input).matches();
        } catch (java.util.regex.PatternSyntaxException e) {
            return false;
        }
    }

    /** Patterns that backtrack exponentially (or for ever) in java.util.regex; RE2 answers in linear time. */
    static Stream<Arguments> pathological() {
        String x = "x|".repeat(300) + "x";
        return Stream.of(
                Arguments.of("nested plus over a long value", "(a+)+$", "a".repeat(100_000) + "!", false),
                Arguments.of("repeated identical alternatives", "(" + x + ")*y", "x".repeat(100_000), false),
                Arguments.of("overlapping alternatives", "(a|aa)*b", "a".repeat(100_000), false),
                Arguments.of("word and optional space", "(\\w+\\s?)*$", "word ".repeat(20_000) + "!", false),
                Arguments.of("many dot-stars", ".*a.*b.*c.*d.*e", "q".repeat(100_000), false),
                Arguments.of("nested plus that matches", "(a+)+", "a".repeat(100_000), true),
                Arguments.of("expansion at the limit", "(a{100}){100}", "a".repeat(10_000), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void pathological(String name, String pattern, String input, boolean expected) {
        assertEquals(expected, Regex.compile(pattern, PROMETHEUS).matches(input));
        assertEquals(expected, Regex.compile(pattern, ALERTMANAGER).matches(input));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("backreference", "(a)\\1", "backreferences (\\1 ... \\9) are not supported"),
                Arguments.of("lookahead", "foo(?=bar)", "lookahead and lookbehind"),
                Arguments.of("negative lookahead", "(?!test).*", "lookahead and lookbehind"),
                Arguments.of("lookbehind", "(?<=x)y", "lookahead and lookbehind"),
                Arguments.of("negative lookbehind", "(?<!x)y", "lookahead and lookbehind"),
                Arguments.of("atomic group", "(?>a+)b", "atomic groups (?>...) are not supported"),
                Arguments.of("possessive quantifier", "a*+", "possessive quantifiers"),
                Arguments.of("java-only \\Z", "a\\Z", "invalid escape sequence"),
                Arguments.of("unbalanced parenthesis", "(", "missing closing )"),
                Arguments.of("closing parenthesis escaping the anchors", "a)|(b", "unbalanced parentheses"),
                Arguments.of("repeat count over 1000", "a{1001}", "invalid repeat count"),
                Arguments.of("nested counts that would exhaust memory", "((a{999}){999}){999}", "the limit is 10000"),
                Arguments.of("counts multiplied past the limit", "(a{101}){100}", "expands to more than 10000 elements"),
                Arguments.of("over the length limit", "a".repeat(Regex.MAX_LENGTH + 1), "the limit is 1024 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String name, String pattern, String message) {
        for (Regex.Dialect d : Regex.Dialect.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Regex.compile(pattern, d));
            assertTrue(e.getMessage().contains(message), e::getMessage);
        }
    }

    @Test
    void lengthLimit_acceptsExactlyTheLimit() {
        assertTrue(Regex.compile("a".repeat(Regex.MAX_LENGTH), ALERTMANAGER).matches("a".repeat(Regex.MAX_LENGTH)));
    }

    @Test
    void refusal_echoesAtMostEightyCharactersOfThePattern() {
        String p = "(?=" + "b".repeat(500) + ")";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Regex.compile(p, ALERTMANAGER));
        assertTrue(e.getMessage().length() < 300, e::getMessage);
    }

    static Stream<Arguments> expansion() {
        return Stream.of(
                Arguments.of("literal", "abc", 3),
                Arguments.of("count", "a{5}", 5),
                Arguments.of("range count uses the maximum", "a{2,7}", 7),
                Arguments.of("open count uses the minimum", "a{4,}", 4),
                Arguments.of("group count", "(ab){3}", 6),
                Arguments.of("nested counts multiply", "((a){10}){10}", 100),
                Arguments.of("class is one element", "[a-z]{10}", 10),
                Arguments.of("escaped brace is a literal", "\\{3}", 3),
                Arguments.of("brace that is not a count", "a{x}", 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void expansion(String name, String pattern, long expected) {
        assertEquals(expected, RepeatExpansion.of(pattern));
    }
}
