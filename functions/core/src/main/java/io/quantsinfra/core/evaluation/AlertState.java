package io.quantsinfra.core.evaluation;

import java.util.Locale;

/** The states an alert is stored in; inactive alerts are not stored. */
public enum AlertState {
    /** The condition holds, but not yet for the rule's {@code for}. */
    PENDING,
    /** The condition has held for {@code for} (or is kept firing by {@code keep_firing_for}). */
    FIRING,
    /** It fired and stopped; kept for a while so the resolution is notified. */
    RESOLVED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
