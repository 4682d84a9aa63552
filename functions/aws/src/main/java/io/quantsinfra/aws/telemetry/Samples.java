package io.quantsinfra.aws.telemetry;

import java.util.Arrays;

/**
 * The values one meter recorded since the last flush: count, sum, minimum, maximum and, while there are at most
 * {@link #MAX_VALUES} of them, the values themselves (what CloudWatch needs for percentiles). Thread-safe; the
 * lock is held for a few arithmetic operations.
 */
final class Samples {
    /** Values one MetricDatum may carry (PutMetricData's limit); beyond it only the statistics are kept. */
    static final int MAX_VALUES = 150;

    private long count;
    private double sum;
    private double min;
    private double max;
    private final double[] values = new double[MAX_VALUES];

    /** What was recorded in one interval; {@code values} is null when there were more than {@link #MAX_VALUES}. */
    record Snapshot(long count, double sum, double min, double max, double[] values) {
        static final Snapshot EMPTY = new Snapshot(0, 0, 0, 0, new double[0]);
    }

    synchronized void add(double value) {
        if (count < MAX_VALUES) {
            values[(int) count] = value;
        }
        if (count == 0) {
            min = value;
            max = value;
        } else {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        count++;
        sum += value;
    }

    /** The interval so far, and a fresh one begins. */
    synchronized Snapshot drain() {
        if (count == 0) {
            return Snapshot.EMPTY;
        }
        Snapshot s = new Snapshot(count, sum, min, max, count <= MAX_VALUES ? Arrays.copyOf(values, (int) count) : null);
        count = 0;
        sum = 0;
        min = 0;
        max = 0;
        return s;
    }

    synchronized long count() {
        return count;
    }

    synchronized double sum() {
        return sum;
    }

    synchronized double max() {
        return max;
    }
}
