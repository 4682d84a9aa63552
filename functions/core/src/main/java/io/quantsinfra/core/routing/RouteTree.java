package io.quantsinfra.core.routing;

import io.quantsinfra.core.promql.LabelMatcher;
import io.quantsinfra.core.promql.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The routing tree drawn as {@code amtool config routes show} and {@code amtool config routes test --tree} draw it:
 * a {@code .} root, box-drawing branches, each route as its matchers sorted like Alertmanager's (name, value,
 * operator; byte order) or {@code default-route} when it has none, then {@code continue: true} and
 * {@code receiver: NAME}.
 *
 * {@snippet :
 * String text = RouteTree.show(config.route()); // ".\n└── default-route  receiver: chat\n    ├── ..."
 * }
 */
public final class RouteTree {
    private static final Comparator<String> BYTES = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    private static final Comparator<LabelMatcher> ORDER = Comparator.comparing(LabelMatcher::name, BYTES)
            .thenComparing(LabelMatcher::value, BYTES).thenComparing(LabelMatcher::op);

    /** treeprint's continuing branch: a bar, two no-break spaces and a space, byte for byte amtool's. */
    private static final String LINK = "│\u00a0\u00a0 ";

    private RouteTree() {}

    /** A node of the drawn tree. */
    private record Node(String text, List<Node> children) {}

    /** The whole tree, every line ending in a newline. */
    public static String show(Route root) {
        return draw(whole(root));
    }

    /** Only the routes {@code labels} take, with the receiver on the routes they end at. */
    public static String matching(Route root, Labels labels) {
        return draw(matched(root, labels));
    }

    /** A route's matchers as Alertmanager prints them, e.g. {@code {severity="critical",team=~"db|ops"}}. */
    public static String matchers(Route r) {
        if (r.matchers().isEmpty()) {
            return "default-route";
        }
        List<String> parts = new ArrayList<>();
        r.matchers().stream().sorted(ORDER).forEach(m -> parts.add(m.name() + m.op().symbol() + '"' + escape(m.value()) + '"'));
        return "{" + String.join(",", parts) + "}";
    }

    private static Node whole(Route r) {
        List<Node> children = r.routes().stream().map(RouteTree::whole).toList();
        return new Node(matchers(r) + (r.continueMatching() ? "  continue: true" : "") + "  receiver: " + r.receiver(), children);
    }

    private static Node matched(Route r, Labels labels) {
        List<Node> children = new ArrayList<>();
        for (Route c : r.routes()) {
            if (c.matchers().stream().allMatch(m -> m.matches(labels))) {
                children.add(matched(c, labels));
                if (!c.continueMatching()) {
                    break;
                }
            }
        }
        return new Node(matchers(r) + (children.isEmpty() ? "  receiver: " + r.receiver() : ""), children);
    }

    private static String draw(Node root) {
        StringBuilder out = new StringBuilder(".\n");
        branch(out, "", List.of(root));
        return out.toString();
    }

    private static void branch(StringBuilder out, String indent, List<Node> nodes) {
        for (int i = 0; i < nodes.size(); i++) {
            boolean last = i == nodes.size() - 1;
            out.append(indent).append(last ? "└── " : "├── ").append(nodes.get(i).text()).append('\n');
            branch(out, indent + (last ? "    " : LINK), nodes.get(i).children());
        }
    }

    /** Alertmanager's escaping of a matcher value: backslash, newline and double quote. */
    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"");
    }
}
