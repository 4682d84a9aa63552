package io.quantsinfra.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.rule.RepoFiles;
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
