package io.quantsinfra.core.job;

import io.quantsinfra.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Seed 002's priorities. Higher starts first; within one priority the oldest job starts first.
 *
 * {@snippet :
 * JobPriority p = JobPriority.parse("priority", "urgent"); // URGENT
 * }
 */
public enum JobPriority {
    LOW(1), NORMAL(2), HIGH(3), URGENT(4);

    private final int rank;

    JobPriority(int rank) {
        this.rank = rank;
    }

    /** 1 (LOW) to 4 (URGENT), as seed 002's {@code TaskPriority} values. */
    public int rank() {
        return rank;
    }

    /**
     * The priority named {@code text} (any case) or given as its rank (1-4); InvalidInputException at {@code field}
     * otherwise. {@code null} gives NORMAL.
     */
    public static JobPriority parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return NORMAL;
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (JobPriority p : values()) {
            if (p.name().equals(t) || Integer.toString(p.rank).equals(t)) {
                return p;
            }
        }
        throw new InvalidInputException(field, "must be one of " + Arrays.toString(values()) + " (or 1-4), got '"
                + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
    }
}
