package io.quantsinfra.core.routing;

import io.quantsinfra.core.promql.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which alerts inhibit rules mute, as Alertmanager decides: a target is muted while a firing source with equal
 * values of the {@code equal} labels exists; an alert never inhibits itself.
 */
public final class Inhibitor {
    private Inhibitor() {}

    /** The fingerprints of the alerts in {@code candidates} muted by the firing {@code sources}. */
    public static Set<String> inhibited(List<InhibitRule> rules, List<Labels> firing, List<Labels> candidates) {
        Set<String> out = new HashSet<>();
        for (InhibitRule r : rules) {
            List<Labels> sources = new ArrayList<>();
            for (Labels l : firing) {
                if (r.isSource(l)) {
                    sources.add(l);
                }
            }
            if (sources.isEmpty()) {
                continue;
            }
            for (Labels c : candidates) {
                if (!r.isTarget(c)) {
                    continue;
                }
                for (Labels s : sources) {
                    if (!s.equals(c) && r.equalOn(s, c)) {
                        out.add(c.fingerprint());
                        break;
                    }
                }
            }
        }
        return out;
    }
}
