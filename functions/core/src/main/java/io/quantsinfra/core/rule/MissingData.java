package io.quantsinfra.core.rule;

/**
 * What a minute without data counts as, for a rule on one series (CloudWatch's TreatMissingData).
 * {@code MISSING} is Prometheus's behaviour and the default: no sample, no result.
 */
public enum MissingData {
    /** No datapoint → no result; a firing alert resolves (after keep_firing_for). */
    MISSING("missing"),
    /** No datapoint counts as not breaching (matters for M of N). */
    NOT_BREACHING("notBreaching"),
    /** No datapoint of a known series counts as breaching: the alert fires on silence. */
    BREACHING("breaching"),
    /** No datapoint → the alert keeps its state: neither advances nor resolves. */
    IGNORE("ignore");

    private final String value;

    MissingData(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static MissingData fromValue(String v) {
        for (MissingData m : values()) {
            if (m.value.equals(v)) {
                return m;
            }
        }
        throw new IllegalArgumentException("must be one of missing, notBreaching, breaching, ignore; got '" + v + "'");
    }

    @Override
    public String toString() {
        return value;
    }
}
