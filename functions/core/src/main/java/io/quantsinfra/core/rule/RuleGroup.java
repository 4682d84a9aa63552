package io.quantsinfra.core.rule;

import java.time.Duration;
import java.util.List;

/** A validated group: evaluated every {@code interval} (whole minutes), its rules in order. */
public record RuleGroup(String file, String name, Duration interval, int limit, List<AlertRule> rules) {
    public RuleGroup {
        rules = List.copyOf(rules);
    }
}
