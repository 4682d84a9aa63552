package io.quantsinfra.core.routing;

import io.quantsinfra.core.promql.LabelMatcher;
import io.quantsinfra.core.promql.Labels;
import java.util.List;

/** Mutes alerts matching {@code target} while an alert matching {@code source} fires with the same {@code equal} labels. */
public record InhibitRule(List<LabelMatcher> source, List<LabelMatcher> target, List<String> equal) {
    public InhibitRule {
        source = List.copyOf(source);
        target = List.copyOf(target);
        equal = List.copyOf(equal);
    }

    boolean isSource(Labels l) {
        return source.stream().allMatch(m -> m.matches(l));
    }

    boolean isTarget(Labels l) {
        return target.stream().allMatch(m -> m.matches(l));
    }

    boolean equalOn(Labels a, Labels b) {
        return equal.stream().allMatch(n -> a.get(n).equals(b.get(n)));
    }
}
