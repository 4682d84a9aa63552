package io.quantsinfra.core.history;

import io.quantsinfra.core.error.InvalidInputException;

/**
 * How many history entries one request may read: {@value #DEFAULT} unless asked, at most {@value #MAX}, so a
 * response stays bounded whatever a caller asks for.
 *
 * {@snippet :
 * List<DeploymentRecord> newest = state.history("freqtrade", HistoryLimit.of(requested));
 * }
 */
public final class HistoryLimit {
    /** Entries when the request names no limit. */
    public static final int DEFAULT = 20;
    /** The most entries one request reads. */
    public static final int MAX = 500;

    private HistoryLimit() {
    }

    /** {@code requested}, or {@link #DEFAULT} when null; InvalidInputException on field {@code limit} outside 1..{@value #MAX}. */
    public static int of(Integer requested) {
        int n = requested == null ? DEFAULT : requested;
        if (n < 1 || n > MAX) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX + ", got " + n);
        }
        return n;
    }
}
