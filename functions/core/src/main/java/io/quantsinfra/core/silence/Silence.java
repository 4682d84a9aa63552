package io.quantsinfra.core.silence;

import io.quantsinfra.core.promql.LabelMatcher;
import io.quantsinfra.core.promql.Labels;
import java.time.Instant;
import java.util.List;

/**
 * A silence: alerts whose labels match every matcher are muted from {@code startsAt} until {@code endsAt}.
 * {@code expiryNoticed} is set once the expiry has been looked at for still-firing alerts.
 */
public record Silence(String id, List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
                      String comment, Instant createdAt, boolean expiryNoticed, long version) {
    public Silence {
        matchers = List.copyOf(matchers);
    }

    /** {@code pending}, {@code active} or {@code expired} at {@code now}. */
    public String status(Instant now) {
        if (now.isBefore(startsAt)) {
            return "pending";
        }
        return now.isBefore(endsAt) ? "active" : "expired";
    }

    public boolean matches(Labels labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }

    Silence with(Instant newEnd, boolean noticed) {
        return new Silence(id, matchers, startsAt, newEnd, createdBy, comment, createdAt, noticed, version + 1);
    }
}
