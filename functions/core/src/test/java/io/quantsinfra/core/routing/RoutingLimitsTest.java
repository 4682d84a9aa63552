package io.quantsinfra.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.rule.RepoFiles;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Routing configs past a limit are refused with the limit named and the place, reported with their other problems. */
class RoutingLimitsTest {

    static String tree(int depth) {
        StringBuilder b = new StringBuilder("route:\n  receiver: r\n");
        String indent = "  ";
        for (int i = 1; i < depth; i++) {
            b.append(indent).append("routes:\n").append(indent).append("  - matchers: ['level=\"").append(i).append("\"']\n");
            indent += "    ";
        }
        return b.append(UserRegexLocationTest.RECEIVER).toString();
    }

    static String manyReceivers(int n, int urlLength) {
        StringBuilder b = new StringBuilder("route:\n  receiver: r0\nreceivers:\n");
        for (int i = 0; i < n; i++) {
            b.append("  - name: r").append(i).append("\n    webhook_configs:\n      - url: http://127.0.0.1:9/")
                    .append("p".repeat(urlLength)).append("\n");
        }
        return b.toString();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("routing tree too deep", tree(RoutingConfigs.MAX_ROUTE_DEPTH + 1),
                        "route" + ".routes[0]".repeat(RoutingConfigs.MAX_ROUTE_DEPTH - 1) + ".routes", "the limit is 10 levels of routes"),
                Arguments.of("document too deep", tree(15), "document", "the limit is 24 levels"),
                Arguments.of("document too large", manyReceivers(200, 2_000), "document", "the limit is 393,216 bytes"),
                Arguments.of("route regex over the length", "route:\n  receiver: r\n  routes:\n    - match_re: {service: '"
                        + "a".repeat(2_000) + "'}\n" + UserRegexLocationTest.RECEIVER, "route.routes[0].match_re.service",
                        "the limit is 1024 characters per regular expression"),
                Arguments.of("route regex that would exhaust memory", "route:\n  receiver: r\n  routes:\n    - matchers: ['s=~\"((a{999}){999}){999}\"']\n"
                        + UserRegexLocationTest.RECEIVER, "route.routes[0].matchers[0]", "the limit is 10000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String name, String yaml, String field, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RoutingConfigs.parse(RepoFiles.yaml(yaml)));

        assertEquals(field, e.field(), e::getMessage);
        assertTrue(e.getMessage().contains(message), e::getMessage);
    }

    /**
     * Hostile values of the document limit's size, each of which backtracked quadratically before (an email address of
     * 160,000 dots took 28 s, a Telegram API URL of as many slashes as long at every notification): refused, or
     * trimmed, inside API Gateway's 30 s.
     */
    @Test
    void hostileAddressesAndUrls_areAnsweredInsideApiGatewaysLimit() {
        String dots = "route:\n  receiver: r\nreceivers:\n  - name: r\n    email_configs:\n      - to: 'a@" + ".".repeat(300_000)
                + "@'\n        from: b@example.com\n";
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> RoutingConfigs.parse(RepoFiles.yaml(dots)));
            assertTrue(e.getMessage().contains("receivers[0].email_configs[0].to: 'a@....") && e.getMessage().contains(
                    "is not an email address (longer than 254 characters)"), () -> e.getMessage().substring(0, 300));
            assertTrue(e.getMessage().length() < 1_000, "the address is not echoed whole");
            assertEquals("https://api.telegram.org", io.quantsinfra.core.notify.telegram.TelegramNotifier.withoutTrailingSlashes(
                    "https://api.telegram.org" + "/".repeat(300_000)));
        });
    }

    @Test
    void treeAtTheDepthLimit_parses() {
        RoutingConfig c = RoutingConfigs.parse(RepoFiles.yaml(tree(RoutingConfigs.MAX_ROUTE_DEPTH)));
        Route r = c.route();
        int depth = 1;
        while (!r.routes().isEmpty()) {
            r = r.routes().getFirst();
            depth++;
        }
        assertEquals(RoutingConfigs.MAX_ROUTE_DEPTH, depth);
    }
}
