package io.quantsinfra.core.job;

import java.time.Clock;
import java.util.Map;

/** Validates a publish document whole, then stores its jobs in dependency order. */
final class Publisher {
    private final JobStore store;
    private final JobSettings settings;
    private final Clock clock;

    Publisher(JobStore store, JobSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    PublishResult publish(Map<String, Object> document) {
        throw new UnsupportedOperationException("in progress");
    }

    /** {@code text} cut for an error message. */
    static String bounded(String text) {
        return text == null ? "" : text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
