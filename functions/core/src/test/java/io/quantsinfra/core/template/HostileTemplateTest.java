package io.quantsinfra.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Templates written to escape or run away: each is refused when it compiles with the limit named, or fails its
 * render with the limit named — on a small stack and allocating far less than the text it asks for.
 */
class HostileTemplateTest {
    /** A render may allocate this much, whatever the template asks for (main's 1 GB printf is 20 times more). */
    private static final long MAX_ALLOCATED_BYTES = 64L * 1024 * 1024;
    /** The data's one label value; no error message may carry it. */
    private static final String LABEL = "label-value-7f3a";
    private static final Map<String, Object> DATA = data(100);

    enum Stage { COMPILE, RENDER }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("printf width of a billion", "{{ printf \"%999999999s\" \"x\" }}", Stage.COMPILE, "MAX_PRINTF_WIDTH"),
                Arguments.of("printf width past int", "{{ printf \"%99999999999999999999d\" 1 }}", Stage.COMPILE, "MAX_PRINTF_WIDTH"),
                Arguments.of("printf precision", "{{ printf \"%.100000f\" 1.5 }}", Stage.COMPILE, "MAX_PRINTF_WIDTH"),
                Arguments.of("printf width computed at render", "{{ printf (printf \"%%%ds\" 999999999) \"x\" }}", Stage.RENDER,
                        "MAX_PRINTF_WIDTH"),
                Arguments.of("6 nested ranges over 100 alerts", "{{ range $.Alerts }}".repeat(6) + "x" + "{{ end }}".repeat(6),
                        Stage.RENDER, "MAX_RANGE_ITERATIONS"),
                Arguments.of("nested ranges through $", "{{ range .Alerts }}{{ range $.Alerts }}{{ range $.Alerts }}."
                        + "{{ end }}{{ end }}{{ end }}", Stage.RENDER, "MAX_RANGE_ITERATIONS"),
                Arguments.of("10,000 nested ifs", "{{ if true }}".repeat(10_000) + "x" + "{{ end }}".repeat(10_000), Stage.COMPILE,
                        "MAX_SOURCE_CHARS"),
                Arguments.of("5,000 nested ifs in the source limit", "{{if 1}}".repeat(5_000), Stage.COMPILE, "MAX_NESTING"),
                Arguments.of("33 nested withs", "{{ with . }}".repeat(33) + "{{ end }}".repeat(33), Stage.COMPILE, "MAX_NESTING"),
                Arguments.of("10,000 nested parentheses", "{{ " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + " }}",
                        Stage.COMPILE, "MAX_NESTING"),
                Arguments.of("recursive define", "{{ define \"a\" }}{{ template \"a\" . }}{{ end }}{{ template \"a\" . }}",
                        Stage.RENDER, "MAX_CALL_DEPTH"),
                Arguments.of("mutually recursive defines", "{{ define \"a\" }}a{{ template \"b\" . }}{{ end }}"
                        + "{{ define \"b\" }}b{{ template \"a\" . }}{{ end }}{{ template \"a\" . }}", Stage.RENDER, "MAX_CALL_DEPTH"),
                Arguments.of("defines doubling 15 times", doubling(15, "0123456789"), Stage.RENDER, "MAX_OUTPUT_CHARS"),
                Arguments.of("enormous source", "x".repeat(TemplateLimits.MAX_SOURCE_CHARS + 1), Stage.COMPILE, "MAX_SOURCE_CHARS"),
                Arguments.of("string doubled through a variable", "{{ $a := \"0123456789abcdef\" }}"
                        + "{{ $a = print $a $a }}".repeat(30) + "{{ len $a }}", Stage.RENDER, "MAX_VALUE_CHARS"),
                Arguments.of("printf of many wide verbs", "{{ $a := printf \"%1000s\" \"x\" }}{{ $b := print $a $a $a $a $a $a $a $a }}"
                        + "{{ printf \"" + "%s".repeat(64) + "\" " + "$b ".repeat(64) + "}}", Stage.RENDER, "MAX_VALUE_CHARS"),
                Arguments.of("join of a doubled string", "{{ $a := printf \"%1000s\" \"x\" }}"
                        + "{{ $a = print $a $a }}".repeat(7) + "{{ join $a .Alerts }}", Stage.RENDER, "MAX_VALUE_CHARS"),
                Arguments.of("output over the limit", "{{ range .Alerts }}{{ range $.Alerts }}{{ printf \"%100s\" \"x\" }}{{ end }}{{ end }}",
                        Stage.RENDER, "MAX_OUTPUT_CHARS"),
                Arguments.of("many small outputs add up", "{{ range .Alerts }}{{ range $.Alerts }}"
                        + "{{ printf \"%30s\" \"&\" }}{{ end }}{{ end }}", Stage.RENDER, "MAX_OUTPUT_CHARS"),
                Arguments.of("a million cheap steps", "{{ range .Alerts }}{{ range $.Alerts }}" + "{{ if false }}{{ end }}".repeat(120)
                        + "{{ end }}{{ end }}", Stage.RENDER, "MAX_STEPS"),
                Arguments.of("regular expressions reading a long value over and over", "{{ $a := printf \"%1000s\" \"x\" }}"
                        + "{{ range .Alerts }}{{ range $.Alerts }}{{ match \"y\" $a }}{{ end }}{{ end }}", Stage.RENDER, "MAX_REGEX_STEPS"),
                Arguments.of("reReplaceAll growing the string", "{{ $a := printf \"%1000s\" \"\" }}{{ $b := printf \"%1000s\" \"\" }}"
                        + "{{ reReplaceAll \" \" $b $a }}", Stage.RENDER, "MAX_VALUE_CHARS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void hostile(String name, String template, Stage stage, String limit) {
        AtomicReference<GoTemplate> compiled = new AtomicReference<>();
        Throwable thrown = onSmallStack(() -> {
            compiled.set(GoTemplate.compile(template, Set.of()));
            compiled.get().render(DATA, Map.of());
        });

        TemplateLimitException e = assertInstance(thrown);
        assertEquals(stage == Stage.COMPILE, compiled.get() == null, "failed at " + (compiled.get() == null ? "compile" : "render"));
        assertEquals(limit, e.limit(), e.getMessage());
        assertTrue(e.getMessage().contains(limit), e.getMessage());
        assertFalse(e.getMessage().contains(LABEL), e.getMessage());
    }

    static Stream<Arguments> literal() {
        return Stream.of(
                Arguments.of("pebble verbatim stays text", "{% verbatim %}{{ .Status }}{% endverbatim %}",
                        "{% verbatim %}firing{% endverbatim %}"),
                Arguments.of("pebble tags and comments stay text", "{% if true %}{# c #}{{ '{{' }}{% endif %}".replace("'", "\""),
                        "{% if true %}{# c #}{{{% endif %}"),
                Arguments.of("an action printing {{ prints it", "{{ \"{{\" }} .Status {{ \"}}\" }}", "{{ .Status }}"),
                Arguments.of("a string holding an action is not run", "{{ \"{{ .Status }}{% raw %}\" }}", "{{ .Status }}{% raw %}"),
                Arguments.of("a label holding an action is not run", "{{ (index .Alerts 0).Labels.syntax }}",
                        "{{ .Status }}{% verbatim %}{{ template \"x\" }}"),
                Arguments.of("a raw string holding }}", "{{ `}}{{` }}", "}}{{"),
                Arguments.of("a long else-if chain is flat", "{{ if false }}" + "{{ else if false }}".repeat(3000) + "{{ else }}ok{{ end }}",
                        "ok"),
                Arguments.of("32 nested ifs are allowed", "{{ if true }}".repeat(32) + "deep" + "{{ end }}".repeat(32), "deep"),
                Arguments.of("a define called within the depth", "{{ define \"n\" }}[{{ . }}]{{ end }}{{ template \"n\" .Status }}",
                        "[firing]"),
                Arguments.of("block defines and calls", "{{ block \"b\" .Status }}<{{ . }}>{{ end }}", "<firing>"),
                Arguments.of("printf at the width limit", "{{ len (printf \"%1000s\" \"x\") }}", "1000"),
                // RE2, as Go: what backtracks exponentially in java.util.regex is answered in linear time.
                Arguments.of("a regular expression catastrophic for backtracking",
                        "{{ match \"(.*a){20}$\" \"" + "a".repeat(40) + "b\" }} {{ match \"(a|a)*(a|a)*b\" \"" + "a".repeat(5_000) + "b\" }}",
                        "false true"),
                Arguments.of("40 empty alternatives", "{{ match \"" + "(|)".repeat(40) + "b\" \"ab\" }}", "true"),
                Arguments.of("reReplaceAll with groups, as Go", "{{ reReplaceAll \"(h)(o)\" \"${2}$1\" \"host:9100\" }}", "ohst:9100"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void literal(String name, String template, String expected) {
        assertEquals(expected, GoTemplate.compile(template, Set.of()).render(DATA, Map.of()));
    }

    @Test
    void render_atTheNestingAndCallDepthLimitsAtOnce_fitsInASmallStack() {
        String nested = "{{ if true }}".repeat(TemplateLimits.MAX_NESTING - 1) + "{{ template \"r\" . }}"
                + "{{ end }}".repeat(TemplateLimits.MAX_NESTING - 1);
        String template = "{{ define \"r\" }}" + nested + "{{ end }}{{ template \"r\" . }}";

        Throwable thrown = onSmallStack(() -> GoTemplate.compile(template, Set.of()).render(DATA, Map.of()));

        assertEquals("MAX_RENDER_DEPTH", assertInstance(thrown).limit());
    }

    @Test
    void regularExpressionsRe2DoesNotHave_orTooLarge_areRenderErrors() {
        // Lookahead is not RE2: java.util.regex took 3.8 s on 26 of these groups before (?!) without reading a character.
        for (String regex : List.of("(|)".repeat(26) + "(?!)", "(a{100}){100}x{2}", "x".repeat(1_025))) {
            String t = "{{ match \"" + regex + "\" \"ab\" }}";
            TemplateException e = assertThrows(TemplateException.class, () -> GoTemplate.compile(t, Set.of()).render(DATA, Map.of()));
            assertTrue(e.getMessage().startsWith("a regular expression"), e.getMessage());
        }
    }

    @Test
    void renderErrors_nameTheValueKind_neverTheValue() {
        List<String> failing = List.of("{{ humanize .CommonLabels.aaa }}", "{{ range .CommonLabels.aaa }}{{ end }}",
                "{{ .CommonLabels.aaa.Field }}", "{{ index .Alerts 1000 }}", "{{ match .CommonLabels.aaa \"x\" }}",
                "{{ len 5 }}", "{{ index .CommonLabels.aaa 1 }}");
        for (String t : failing) {
            TemplateException e = assertThrows(TemplateException.class,
                    () -> GoTemplate.compile(t, Set.of()).render(Map.of("CommonLabels", Map.of("aaa", "(" + LABEL), "Alerts", List.of()),
                            Map.of()), t);
            assertFalse(e.getMessage().contains(LABEL), e.getMessage());
        }
    }

    @Test
    void renderHtml_escapesValues_keepsTheTemplatesMarkup() {
        GoTemplate t = GoTemplate.compile("<b title=\"{{ .A }}\">{{ .A }}</b>{{ .B | safeHtml }}", Set.of());
        String html = t.renderHtml(Map.of("A", "<script>alert(1)</script> & \"q\" 'a'", "B", "<i>ok</i>"), Map.of());

        assertEquals("<b title=\"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;q&#34; &#39;a&#39;\">"
                + "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;q&#34; &#39;a&#39;</b><i>ok</i>", html);
        assertEquals("<b title=\"<script>\"><script></b>", GoTemplate.compile("<b title=\"{{ .A }}\">{{ .A }}</b>", Set.of())
                .render(Map.of("A", "<script>"), Map.of()));
    }

    @Test
    void variables_areScopedToTheirBlock_asInGo() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> GoTemplate.compile("{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}", Set.of()));
        assertTrue(e.getMessage().contains("undefined variable $x"), e.getMessage());
        assertEquals("0;1;", GoTemplate.compile("{{ range $i, $a := .Alerts }}{{ if lt $i 2 }}{{ $i }};{{ end }}{{ end }}",
                Set.of()).render(DATA, Map.of()));
    }

    /** Text {@code d} written 2^{@code levels} times through defines that each call the next twice. */
    private static String doubling(int levels, String d) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            b.append("{{ define \"t").append(i).append("\" }}{{ template \"t").append(i + 1).append("\" }}{{ template \"t")
                    .append(i + 1).append("\" }}{{ end }}");
        }
        return b.append("{{ define \"t").append(levels).append("\" }}").append(d).append("{{ end }}{{ template \"t0\" }}").toString();
    }

    private static Map<String, Object> data(int alerts) {
        List<Object> list = new ArrayList<>();
        IntStream.range(0, alerts).forEach(i -> list.add(Map.of("Status", "firing",
                "Labels", Map.of("alertname", "A" + i, "aaa", "a".repeat(28) + "!", "label", LABEL,
                        "syntax", "{{ .Status }}{% verbatim %}{{ template \"x\" }}"),
                "Annotations", Map.of("summary", "s" + i))));
        return Map.of("Status", "firing", "Alerts", list, "CommonLabels", Map.of("label", LABEL));
    }

    /** Runs {@code body} on a thread with a 256 KiB stack, checking what it allocates; returns what it threw. */
    private static Throwable onSmallStack(Runnable body) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Long> allocated = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = mx.getCurrentThreadAllocatedBytes();
            try {
                body.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
            allocated.set(mx.getCurrentThreadAllocatedBytes() - before);
        }, "hostile-template", 256 * 1024);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertTrue(allocated.get() < MAX_ALLOCATED_BYTES, "allocated " + allocated.get() + " bytes");
        return thrown.get();
    }

    private static TemplateLimitException assertInstance(Throwable thrown) {
        if (thrown instanceof TemplateLimitException e) {
            return e;
        }
        throw new AssertionError("expected a TemplateLimitException, got " + thrown, thrown);
    }
}
