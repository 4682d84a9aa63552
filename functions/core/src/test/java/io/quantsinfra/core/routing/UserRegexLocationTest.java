package io.quantsinfra.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.inmemory.InMemorySilenceStore;
import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.rule.RepoFiles;
import io.quantsinfra.core.rule.RuleFiles;
import io.quantsinfra.core.silence.Silence;
import io.quantsinfra.core.silence.SilenceService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every place a user writes a regex refuses syntax RE2 does not have when the document is applied, naming the
 * place (rule group and rule, route path, inhibit rule, silence matcher); and every place matches in linear time.
 */
class UserRegexLocationTest {
    static final String RECEIVER = "receivers:\n  - name: r\n    webhook_configs:\n      - url: http://127.0.0.1:9/x\n";
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static Supplier<?> rules(String expr) {
        return () -> RuleFiles.parse("f", RepoFiles.yaml("groups:\n  - name: trading\n    rules:\n      - alert: Stalled\n"
                + "        expr: '" + expr + "'\n"));
    }

    private static Supplier<?> routing(String yaml) {
        return () -> RoutingConfigs.parse(RepoFiles.yaml(yaml + RECEIVER));
    }

    private static Supplier<?> silence(String matcher) {
        return () -> new SilenceService(new InMemorySilenceStore(), Clock.fixed(T0, ZoneOffset.UTC))
                .add(List.of("alertname=X", matcher), Duration.ofHours(1), "test", "tester");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("promql selector lookahead", rules("m{service_name=~\"fr(?=eq)\"} > 1"),
                        "groups[0].rules[0].expr", "group 'trading', rule 'Stalled': expr: label service_name", "lookahead"),
                Arguments.of("promql selector backreference", rules("m{a!~\"(x)\\\\1\"} > 1"),
                        "groups[0].rules[0].expr", "group 'trading', rule 'Stalled'", "backreferences"),
                Arguments.of("route matchers", routing("route:\n  receiver: r\n  routes:\n    - matchers: ['service=~\"(?!x).*\"']\n"),
                        "route.routes[0].matchers[0]", "label service", "lookahead"),
                Arguments.of("route match_re", routing("route:\n  receiver: r\n  routes:\n    - receiver: r\n      routes:\n"
                        + "        - match_re: {service: '(a)\\1'}\n"), "route.routes[0].routes[0].match_re.service", "label service",
                        "backreferences"),
                Arguments.of("inhibit source matchers", routing("route:\n  receiver: r\ninhibit_rules:\n"
                        + "  - source_matchers: ['severity=~\"(?>crit)\"']\n    target_matchers: ['severity=warning']\n"),
                        "inhibit_rules[0].source_matchers[0]", "label severity", "atomic groups"),
                Arguments.of("inhibit target_match_re", routing("route:\n  receiver: r\ninhibit_rules:\n"
                        + "  - source_matchers: ['severity=critical']\n    target_match_re: {severity: 'warn(?<=n)'}\n"),
                        "inhibit_rules[0].target_match_re.severity", "label severity", "lookahead and lookbehind"),
                Arguments.of("silence matcher", silence("service=~\"a*+\""), "matchers[1]", "label service", "possessive"),
                Arguments.of("silence matcher too long", silence("service=~\"" + "a".repeat(1_025) + "\""), "matchers[1]",
                        "label service", "the limit is 1024 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String name, Supplier<?> apply, String field, String where, String why) {
        InvalidInputException e = assertThrows(InvalidInputException.class, apply::get);

        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(where), e::getMessage);
        assertTrue(e.getMessage().contains(why), e::getMessage);
    }

    @Test
    void badRegex_isReportedTogetherWithTheDocumentsOtherProblems() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RoutingConfigs.parse(RepoFiles.yaml(
                "route:\n  receiver: nobody\n  routes:\n    - matchers: ['a=~\"(?=x)\"']\n      repeat_interval: 0s\n" + RECEIVER)));

        assertTrue(e.getMessage().contains("'nobody' is not defined"), e::getMessage);
        assertTrue(e.getMessage().contains("route.routes[0].matchers[0]: label a"), e::getMessage);
        assertTrue(e.getMessage().contains("route.routes[0].repeat_interval"), e::getMessage);
    }

    @Test
    void routesAndInhibitRules_matchWithAlertmanagerAnchoring_inLinearTime() {
        RoutingConfig c = RoutingConfigs.parse(RepoFiles.yaml("route:\n  receiver: r\n  routes:\n"
                + "    - receiver: slow\n      matchers: ['service=~\"(a+)+$\"']\n"
                + "    - receiver: nl\n      match_re: {note: 'a.b'}\n"
                + "receivers:\n  - name: r\n  - name: slow\n  - name: nl\n"));
        String hostile = "a".repeat(100_000) + "!";

        assertEquals(List.of("r"), c.route().match(Labels.of("service", hostile)).stream().map(Route::receiver).toList());
        assertEquals(List.of("slow"), c.route().match(Labels.of("service", "aaaa")).stream().map(Route::receiver).toList());
        assertEquals(List.of("r"), c.route().match(Labels.of("note", "a\nb")).stream().map(Route::receiver).toList(),
                "Alertmanager: '.' does not match a newline");
    }

    @Test
    void silence_withPathologicalRegex_answersForLongLabelValues() {
        SilenceService s = new SilenceService(new InMemorySilenceStore(), Clock.fixed(T0, ZoneOffset.UTC));
        Silence added = s.add(List.of("alertname=X", "service=~\"(x|x|x|x|x|x|x|x)*y\""), Duration.ofHours(1), "t", "tester");
        String hostile = "x".repeat(100_000);

        assertEquals(List.of(), s.mutedBy(List.of(added), Labels.of("alertname", "X", "service", hostile), T0.plusSeconds(1)));
        assertEquals(List.of(added.id()), s.mutedBy(List.of(added), Labels.of("alertname", "X", "service", hostile + "y"),
                T0.plusSeconds(1)));
    }

    @Test
    void matcherText_isSplitInLinearTime_andLimited() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Matchers.parse("a=\"" + "\\\"".repeat(5_000) + "\""));
        assertTrue(e.getMessage().contains("the limit is " + Matchers.MAX_MATCHER_LENGTH + " characters per matcher"), e::getMessage);
        assertEquals("a=\"" + "x\\\"".repeat(300) + "\"", Matchers.parse("a=\"" + "x\\\"".repeat(300) + "\"").toString());
    }
}
