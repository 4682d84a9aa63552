package io.quantsinfra.core.bot;

/** Why a bot's task is about to stop; the removals are the ones that may orphan positions. */
public enum StopKind {
    STOP("stop"), RESTART("restart"), REPLACE("redeploy"), SCALE_IN("scale-in"), DESTROY("destroy");

    private final String word;

    StopKind(String word) {
        this.word = word;
    }

    /** Whether the instance goes away for good, so no bot manages its open trades any more. */
    public boolean removes() {
        return this == SCALE_IN || this == DESTROY;
    }

    public String word() {
        return word;
    }
}
