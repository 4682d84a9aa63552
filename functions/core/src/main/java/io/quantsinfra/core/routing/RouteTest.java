package io.quantsinfra.core.routing;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.promql.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Which receivers a label set reaches, as {@code amtool config routes test} answers: the receivers of the routes
 * the labels end at, in tree order, joined by commas; optionally checked against the receivers expected (the same
 * comma-joined text, order included) and with the matching tree.
 *
 * {@snippet :
 * RouteTest.Result r = RouteTest.run(config, RouteLabels.parse(List.of("severity=critical")), List.of("pager"), false);
 * r.output(); // "pager,chat\nWARNING: Expected receivers did not match resolved receivers.\n"
 * }
 */
public final class RouteTest {
    static final String MISMATCH = "WARNING: Expected receivers did not match resolved receivers.";

    private RouteTest() {}

    /**
     * What a route test found.
     *
     * @param expected the receivers asked to verify, empty when none were
     * @param tree the matching tree ({@link RouteTree#matching}), or null when not asked for
     */
    public record Result(Labels labels, List<String> receivers, List<String> expected, String tree) {
        public Result {
            receivers = List.copyOf(receivers);
            expected = List.copyOf(expected);
        }

        /** The receivers joined by commas, as amtool prints them. */
        public String slug() {
            return String.join(",", receivers);
        }

        /** Whether the receivers are the ones expected (true when none were given), compared as amtool does. */
        public boolean verified() {
            return expected.isEmpty() || String.join(",", expected).equals(slug());
        }

        /** Exactly what amtool prints on standard output for the same test. */
        public String output() {
            StringBuilder out = new StringBuilder();
            if (tree != null) {
                out.append("Matching routes:\n").append(tree).append("\n\n");
            }
            out.append(slug()).append('\n');
            if (!verified()) {
                out.append(MISMATCH).append('\n');
            }
            return out.toString();
        }
    }

    /** The receivers {@code labels} reach; InvalidInputException when an expected receiver is not in the config. */
    public static Result run(RoutingConfig config, Labels labels, List<String> expected, boolean tree) {
        List<String> unknown = expected.stream().filter(r -> !config.receivers().containsKey(r)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("verifyReceivers", "receiver" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " not defined in the routing config; it defines "
                    + String.join(", ", config.receivers().keySet()));
        }
        List<String> receivers = new ArrayList<>();
        config.route().match(labels).forEach(r -> receivers.add(r.receiver()));
        return new Result(labels, receivers, expected, tree ? RouteTree.matching(config.route(), labels) : null);
    }

    /** The output of {@code amtool config routes show} for {@code config}. */
    public static String show(RoutingConfig config) {
        return "Routing tree:\n" + RouteTree.show(config.route()) + "\n";
    }
}
