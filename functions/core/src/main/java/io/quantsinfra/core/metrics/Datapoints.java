package io.quantsinfra.core.metrics;

/** Datapoints of one series, oldest first: period start times in epoch milliseconds and values. */
public record Datapoints(long[] times, double[] values) {
    public static final Datapoints NONE = new Datapoints(new long[0], new double[0]);
}
