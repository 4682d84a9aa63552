package io.quantsinfra.core.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated routing config; receivers in the order the config lists them. {@code warnings} name what was accepted but is not used (e.g. SMTP settings). */
public record RoutingConfig(Duration resolveTimeout, Route route, Map<String, Receiver> receivers,
                            List<InhibitRule> inhibitRules, List<String> warnings) {
    public RoutingConfig {
        receivers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(receivers));
        inhibitRules = List.copyOf(inhibitRules);
        warnings = List.copyOf(warnings);
    }

    public Optional<Receiver> receiver(String name) {
        return Optional.ofNullable(receivers.get(name));
    }
}
