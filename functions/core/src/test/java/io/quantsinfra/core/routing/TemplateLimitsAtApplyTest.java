package io.quantsinfra.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.rule.RepoFiles;
import io.quantsinfra.core.rule.RuleFiles;
import io.quantsinfra.core.template.TemplateLimits;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A routing config or rule file whose template is over a compile-time limit is refused, naming the limit and where. */
class TemplateLimitsAtApplyTest {
    private static final String ROUTE = "route:\n  receiver: r\n";

    private static String emailText(String template) {
        return ROUTE + "receivers:\n  - name: r\n    email_configs:\n      - to: a@example.com\n        from: b@example.com\n"
                + "        text: '" + template.replace("'", "''") + "'\n";
    }

    private static String summary(String template) {
        return "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: quants_infra_instance_up == 0\n        annotations:\n"
                + "          summary: '" + template.replace("'", "''") + "'\n";
    }

    static Stream<Arguments> routing() {
        return Stream.of(
                Arguments.of("printf width", emailText("{{ printf \"%999999999s\" \"x\" }}"), "receivers[0].email_configs[0].text",
                        "MAX_PRINTF_WIDTH"),
                Arguments.of("nesting", emailText("{{if 1}}".repeat(40)), "receivers[0].email_configs[0].text", "MAX_NESTING"),
                Arguments.of("source size", emailText("x".repeat(TemplateLimits.MAX_SOURCE_CHARS + 1)),
                        "receivers[0].email_configs[0].text", "MAX_SOURCE_CHARS"),
                Arguments.of("email subject", ROUTE + "receivers:\n  - name: r\n    email_configs:\n      - to: a@example.com\n"
                        + "        from: b@example.com\n        headers: {Subject: '{{ printf \"%.5000f\" 1.0 }}'}\n",
                        "receivers[0].email_configs[0].headers.Subject", "MAX_PRINTF_WIDTH"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void routing(String name, String yaml, String field, String limit) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RoutingConfigs.parse(RepoFiles.yaml(yaml)));
        assertEquals(field, e.field(), e::getMessage);
        assertTrue(e.getMessage().contains(limit), e::getMessage);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("printf width", summary("{{ printf \"%999999999s\" \"x\" }}"), "MAX_PRINTF_WIDTH"),
                Arguments.of("nesting", summary("{{ with . }}".repeat(40)), "MAX_NESTING"),
                Arguments.of("source size", summary("x".repeat(TemplateLimits.MAX_SOURCE_CHARS + 1)), "MAX_SOURCE_CHARS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void rules(String name, String yaml, String limit) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RuleFiles.parse("f", RepoFiles.yaml(yaml)));
        assertEquals("groups[0].rules[0].annotations.summary", e.field(), e::getMessage);
        assertTrue(e.getMessage().contains(limit), e::getMessage);
    }

}
