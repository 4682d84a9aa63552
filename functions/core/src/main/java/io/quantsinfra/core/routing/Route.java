package io.quantsinfra.core.routing;

import io.quantsinfra.core.promql.LabelMatcher;
import io.quantsinfra.core.promql.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A node of the routing tree, with inherited values already filled in. {@code id} is its path, e.g.
 * {@code {}/{severity="critical"}/0}, used in group keys like Alertmanager's.
 *
 * @param groupBy labels to group by; {@code groupByAll} for {@code ['...']} (every label)
 */
public record Route(String id, String receiver, List<LabelMatcher> matchers, List<String> groupBy, boolean groupByAll,
                    Duration groupWait, Duration groupInterval, Duration repeatInterval, boolean continueMatching,
                    List<Route> routes) {
    public Route {
        matchers = List.copyOf(matchers);
        groupBy = List.copyOf(groupBy);
        routes = List.copyOf(routes);
    }

    /** The routes an alert with {@code labels} takes, depth first, as Alertmanager matches. */
    public List<Route> match(Labels labels) {
        List<Route> out = new ArrayList<>();
        if (!matchers.stream().allMatch(m -> m.matches(labels))) {
            return out;
        }
        for (Route child : routes) {
            List<Route> m = child.match(labels);
            out.addAll(m);
            if (!m.isEmpty() && !child.continueMatching()) {
                break;
            }
        }
        if (out.isEmpty()) {
            out.add(this);
        }
        return out;
    }

    /** The labels an alert is grouped by on this route. */
    public Labels groupLabels(Labels labels) {
        return groupByAll ? labels : labels.keep(groupBy);
    }
}
