package io.quantsinfra.core.promql;

/**
 * The datapoints of one series, oldest first: {@code times} in epoch milliseconds (the start of each
 * CloudWatch period), {@code values} beside them.
 */
public record SeriesData(Labels labels, long[] times, double[] values) {
    public SeriesData {
        if (times.length != values.length) {
            throw new IllegalArgumentException("times and values differ in length");
        }
    }

    /** Index of the first datapoint at or after {@code t}. */
    int firstAtOrAfter(long t) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
