package io.quantsinfra.core.bot;

/**
 * What the caller allows when a live bot has open trades or cannot be reached.
 * {@code CAREFUL} refuses; {@code FORCE} goes on and leaves them open (said in the history);
 * {@code FORCE_EXIT} exits every open trade first (removals only).
 */
public enum TradeSafety {
    CAREFUL, FORCE, FORCE_EXIT;

    /** From the API's and CLI's two flags; both at once is a contradiction. */
    public static TradeSafety of(boolean force, boolean forceExit) {
        if (force && forceExit) {
            throw new io.quantsinfra.core.error.InvalidInputException("force", "--force leaves open trades, "
                    + "--force-exit closes them; give one of them");
        }
        return forceExit ? FORCE_EXIT : force ? FORCE : CAREFUL;
    }
}
