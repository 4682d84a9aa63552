package io.quantsinfra.core.evaluation;

import java.time.Instant;
import java.util.Optional;

/** Port: when scheduled work last ran ({@code evaluation}, {@code probe}), for the control plane's own health. */
public interface Heartbeats {
    String EVALUATION = "evaluation";
    String PROBE = "probe";

    void beat(String name, Instant at);

    Optional<Instant> last(String name);
}
