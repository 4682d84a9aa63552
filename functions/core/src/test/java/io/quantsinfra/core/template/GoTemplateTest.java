package io.quantsinfra.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoTemplateTest {
    private static final Set<String> ALERT_VARS = Set.of("labels", "value", "externalLabels", "externalURL");
    private static final Map<String, Object> VARS = Map.of(
            "labels", Map.of("service", "freqtrade-1", "severity", "critical", "strategy", "grid"),
            "value", 0.9345,
            "externalLabels", Map.of(),
            "externalURL", "https://ops.example");

    static Stream<Arguments> renders() {
        return Stream.of(
                Arguments.of("label", "{{ $labels.service }} is down", "freqtrade-1 is down"),
                Arguments.of("value as Go prints a float", "{{ $value }}", "0.9345"),
                Arguments.of("humanizePercentage piped", "{{ $value | humanizePercentage }}", "93.45%"),
                Arguments.of("humanize called", "{{ humanize 1234567 }}", "1.235M"),
                Arguments.of("humanize small", "{{ humanize 0.0012 }}", "1.2m"),
                Arguments.of("humanize1024", "{{ humanize1024 1048576 }}", "1Mi"),
                Arguments.of("humanizeDuration minutes", "{{ humanizeDuration 125 }}", "2m 5s"),
                Arguments.of("humanizeDuration days", "{{ humanizeDuration 93784 }}", "1d 2h 3m 4s"),
                Arguments.of("humanizeDuration seconds", "{{ humanizeDuration 1.5 }}", "1.5s"),
                Arguments.of("humanizeDuration sub-second", "{{ humanizeDuration 0.25 }}", "250ms"),
                Arguments.of("printf", "{{ printf \"%.1f%%\" 93.45 }}", "93.5%"),
                Arguments.of("if eq", "{{ if eq $labels.severity \"critical\" }}PAGE{{ else }}mail{{ end }}", "PAGE"),
                Arguments.of("else if", "{{ if eq $labels.severity \"x\" }}a{{ else if $labels.service }}b{{ end }}", "b"),
                Arguments.of("trim markers", "a  {{- \" b \" -}}  c", "a b c"),
                Arguments.of("missing label", "[{{ $labels.nosuch }}]", "[<no value>]"),
                Arguments.of("toUpper chain", "{{ $labels.service | toUpper }}", "FREQTRADE-1"),
                Arguments.of("title", "{{ title \"instance down\" }}", "Instance Down"),
                Arguments.of("externalURL", "{{ $externalURL }}/runbooks/x", "https://ops.example/runbooks/x"),
                Arguments.of("pebble delimiters in text pass through", "{% raw %} {# no #}", "{% raw %} {# no #}"),
                Arguments.of("comment", "a{{/* note */}}b", "ab"),
                Arguments.of("variable declaration", "{{ $s := $labels.service }}{{ $s }}", "freqtrade-1"),
                Arguments.of("string with quotes", "{{ \"it's \\\"quoted\\\"\" }}", "it's \"quoted\""),
                Arguments.of("range over a map", "{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}",
                        "service=freqtrade-1;severity=critical;strategy=grid;"),
                Arguments.of("len", "{{ len $labels }}", "3"),
                Arguments.of("index", "{{ index $labels \"strategy\" }}", "grid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void renders(String name, String template, String expected) {
        assertEquals(expected, GoTemplate.compile(template, ALERT_VARS).render(Map.of(), VARS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refuses(String name, String template, String message) {
        TemplateException e = assertThrows(TemplateException.class, () -> GoTemplate.compile(template, ALERT_VARS));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    static Stream<Arguments> refuses() {
        return Stream.of(
                Arguments.of("unknown function", "{{ query \"up\" }}", "function \"query\" is not supported"),
                Arguments.of("unclosed if", "{{ if $value }}x", "has no matching {{end}}"),
                Arguments.of("stray end", "x{{ end }}", "{{end}} without"),
                Arguments.of("undefined variable", "{{ $nosuch }}", "undefined variable $nosuch"),
                Arguments.of("named template never defined", "{{ template \"x\" . }}", "template \"x\" is not defined"),
                Arguments.of("unclosed action", "{{ $value ", "is not closed"));
    }

    @org.junit.jupiter.api.Test
    void notificationTemplate_rangesOverAlerts_likeSeed004() {
        String seed = """
                {{ range .Alerts }}
                *{{ .Labels.alertname }}*
                {{ .Annotations.summary }}
                {{ end }}""";
        Map<String, Object> data = Map.of("Status", "firing", "Alerts", List.of(
                Map.of("Status", "firing", "Labels", Map.of("alertname", "HighCpu"), "Annotations", Map.of("summary", "cpu 93%")),
                Map.of("Status", "resolved", "Labels", Map.of("alertname", "Down"), "Annotations", Map.of("summary", "back"))));

        String out = GoTemplate.compile(seed, Set.of()).render(data, Map.of());

        assertEquals("\n*HighCpu*\ncpu 93%\n\n*Down*\nback\n", out);
        assertEquals("1", GoTemplate.compile("{{ len .Alerts.Firing }}", Set.of()).render(data, Map.of()));
        assertEquals("[FIRING:1] HighCpu", GoTemplate.compile(
                "[{{ .Status | toUpper }}{{ if eq .Status \"firing\" }}:{{ .Alerts.Firing | len }}{{ end }}] "
                        + "{{ (index .Alerts 0).Labels.alertname }}", Set.of()).render(data, Map.of()));
    }
}
