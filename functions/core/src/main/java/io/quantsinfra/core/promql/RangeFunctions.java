package io.quantsinfra.core.promql;

import java.util.Arrays;

/** The range functions over the datapoints of one series in a window, as Prometheus 2.42 computes them. */
final class RangeFunctions {
    private RangeFunctions() {}

    /** Datapoints {@code lo..hi-1} of one series, the window {@code [from, end)} and the evaluation time. */
    record Window(long[] times, double[] values, int lo, int hi, long from, long end, long evalTime) {
        int n() {
            return hi - lo;
        }

        double v(int i) {
            return values[lo + i];
        }

        long t(int i) {
            return times[lo + i];
        }
    }

    /** The function's value, or null when the window holds too few datapoints for it. */
    static Double apply(Expr.RangeFn fn, double[] params, Window w) {
        return switch (fn) {
            case AVG_OVER_TIME -> sum(w) / w.n();
            case SUM_OVER_TIME -> sum(w);
            case MAX_OVER_TIME -> extreme(w, true);
            case MIN_OVER_TIME -> extreme(w, false);
            case COUNT_OVER_TIME -> (double) w.n();
            case LAST_OVER_TIME -> w.v(w.n() - 1);
            case PRESENT_OVER_TIME -> 1.0;
            case QUANTILE_OVER_TIME -> Aggregations.quantile(params[0], Arrays.copyOfRange(w.values(), w.lo(), w.hi()));
            case STDDEV_OVER_TIME -> Math.sqrt(variance(w));
            case STDVAR_OVER_TIME -> variance(w);
            case RATE -> extrapolated(w, true, true);
            case INCREASE -> extrapolated(w, true, false);
            case DELTA -> extrapolated(w, false, false);
            case IRATE -> instantDelta(w, true);
            case IDELTA -> instantDelta(w, false);
            case DERIV -> w.n() < 2 ? null : regression(w, w.t(0))[0];
            case PREDICT_LINEAR -> {
                if (w.n() < 2) {
                    yield null;
                }
                double[] si = regression(w, w.evalTime());
                yield si[0] * params[0] + si[1];
            }
            case CHANGES -> changes(w);
            case RESETS -> resets(w);
            case HOLT_WINTERS -> holtWinters(w, params[0], params[1]);
            case ABSENT_OVER_TIME -> throw new IllegalStateException("absent_over_time is evaluated over all series");
        };
    }

    private static double sum(Window w) {
        double s = 0;
        double c = 0;
        for (int i = 0; i < w.n(); i++) {
            double[] r = kahan(w.v(i), s, c);
            s = r[0];
            c = r[1];
        }
        return Double.isInfinite(s) ? s : s + c;
    }

    private static double[] kahan(double inc, double sum, double c) {
        double t = sum + inc;
        if (Math.abs(sum) >= Math.abs(inc)) {
            c += (sum - t) + inc;
        } else {
            c += (inc - t) + sum;
        }
        return new double[] {t, c};
    }

    private static double extreme(Window w, boolean max) {
        double m = w.v(0);
        for (int i = 1; i < w.n(); i++) {
            double v = w.v(i);
            if ((max ? v > m : v < m) || Double.isNaN(m)) {
                m = v;
            }
        }
        return m;
    }

    /** Population variance, by Welford's method as Prometheus computes it. */
    private static double variance(Window w) {
        double count = 0;
        double mean = 0;
        double aux = 0;
        for (int i = 0; i < w.n(); i++) {
            double v = w.v(i);
            count++;
            double delta = v - mean;
            mean += delta / count;
            aux += delta * (v - mean);
        }
        return aux / count;
    }

    /**
     * rate, increase and delta: the change over the sampled interval (counter resets added back for rate and
     * increase), extrapolated to the window's edges when they are within 1.1 average intervals, else by half an
     * interval; a counter is never extrapolated back past where it would have been zero.
     */
    private static Double extrapolated(Window w, boolean counter, boolean perSecond) {
        if (w.n() < 2) {
            return null;
        }
        double result = w.v(w.n() - 1) - w.v(0);
        if (counter) {
            double prev = w.v(0);
            for (int i = 1; i < w.n(); i++) {
                if (w.v(i) < prev) {
                    result += prev;
                }
                prev = w.v(i);
            }
        }
        double toStart = (w.t(0) - w.from()) / 1000.0;
        double toEnd = (w.end() - w.t(w.n() - 1)) / 1000.0;
        double sampled = (w.t(w.n() - 1) - w.t(0)) / 1000.0;
        double avg = sampled / (w.n() - 1);
        if (counter && result > 0 && w.v(0) >= 0) {
            double toZero = sampled * (w.v(0) / result);
            if (toZero < toStart) {
                toStart = toZero;
            }
        }
        double threshold = avg * 1.1;
        double extent = sampled + (toStart < threshold ? toStart : avg / 2) + (toEnd < threshold ? toEnd : avg / 2);
        result = result * (extent / sampled);
        return perSecond ? result / ((w.end() - w.from()) / 1000.0) : result;
    }

    private static Double instantDelta(Window w, boolean rate) {
        if (w.n() < 2) {
            return null;
        }
        double last = w.v(w.n() - 1);
        double prev = w.v(w.n() - 2);
        double result = rate && last < prev ? last : last - prev;
        if (!rate) {
            return result;
        }
        double interval = (w.t(w.n() - 1) - w.t(w.n() - 2)) / 1000.0;
        return interval == 0 ? null : result / interval;
    }

    /** Least-squares slope and intercept at {@code interceptTime}, as Prometheus's linearRegression. */
    private static double[] regression(Window w, long interceptTime) {
        double initY = w.v(0);
        boolean constY = true;
        double n = 0;
        double sumX = 0;
        double sumY = 0;
        double sumXY = 0;
        double sumX2 = 0;
        for (int i = 0; i < w.n(); i++) {
            double y = w.v(i);
            if (constY && i > 0 && y != initY) {
                constY = false;
            }
            n++;
            double x = (w.t(i) - interceptTime) / 1e3;
            sumX += x;
            sumY += y;
            sumXY += x * y;
            sumX2 += x * x;
        }
        if (constY) {
            return Double.isInfinite(initY) ? new double[] {Double.NaN, Double.NaN} : new double[] {0, initY};
        }
        double covXY = sumXY - sumX * sumY / n;
        double varX = sumX2 - sumX * sumX / n;
        double slope = covXY / varX;
        return new double[] {slope, sumY / n - slope * sumX / n};
    }

    private static double changes(Window w) {
        int changes = 0;
        for (int i = 1; i < w.n(); i++) {
            double cur = w.v(i);
            double prev = w.v(i - 1);
            if (!(cur == prev || Double.isNaN(cur) && Double.isNaN(prev))) {
                changes++;
            }
        }
        return changes;
    }

    private static double resets(Window w) {
        int resets = 0;
        for (int i = 1; i < w.n(); i++) {
            if (w.v(i) < w.v(i - 1)) {
                resets++;
            }
        }
        return resets;
    }

    private static Double holtWinters(Window w, double sf, double tf) {
        if (!(sf > 0 && sf < 1) || !(tf > 0 && tf < 1)) {
            throw new Evaluator.EvaluationException("holt_winters: smoothing and trend factors must be between 0 and 1 "
                    + "(exclusive), got " + sf + " and " + tf);
        }
        if (w.n() < 2) {
            return null;
        }
        double s0 = 0;
        double s1 = w.v(0);
        double b = w.v(1) - w.v(0);
        for (int i = 1; i < w.n(); i++) {
            double x = sf * w.v(i);
            if (i > 1) {
                b = tf * (s1 - s0) + (1 - tf) * b;
            }
            double y = (1 - sf) * (s1 + b);
            s0 = s1;
            s1 = x + y;
        }
        return s1;
    }
}
