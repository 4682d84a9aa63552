package io.quantsinfra.aws.telemetry;

import io.micrometer.core.instrument.AbstractDistributionSummary;
import io.micrometer.core.instrument.AbstractMeter;
import io.micrometer.core.instrument.AbstractTimer;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.distribution.NoopHistogram;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.util.TimeUtils;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Meters that keep what was recorded since the last flush and hand it over when drained, instead of micrometer's
 * step meters, which report the previous whole step (by the clock): a Lambda invocation must publish what it
 * recorded itself, before it returns. Reads ({@code count()}, {@code totalTime()}, ...) show the current interval.
 */
final class IntervalMeters {
    private IntervalMeters() {
    }

    /** A counter: the sum of increments since the last drain. */
    static final class IntervalCounter extends AbstractMeter implements Counter {
        private final DoubleAdder value = new DoubleAdder();

        IntervalCounter(Id id) {
            super(id);
        }

        @Override
        public void increment(double amount) {
            value.add(amount);
        }

        @Override
        public double count() {
            return value.sum();
        }

        double drain() {
            return value.sumThenReset();
        }
    }

    /** A timer in the registry's base unit (milliseconds); no histogram, CloudWatch computes percentiles. */
    static final class IntervalTimer extends AbstractTimer {
        private final Samples samples = new Samples();

        IntervalTimer(Id id, Clock clock, PauseDetector pauseDetector, TimeUnit baseTimeUnit) {
            super(id, clock, pauseDetector, baseTimeUnit, NoopHistogram.INSTANCE);
        }

        @Override
        protected void recordNonNegative(long amount, TimeUnit unit) {
            samples.add(TimeUtils.convert((double) amount, unit, baseTimeUnit()));
        }

        @Override
        public long count() {
            return samples.count();
        }

        @Override
        public double totalTime(TimeUnit unit) {
            return TimeUtils.convert(samples.sum(), baseTimeUnit(), unit);
        }

        @Override
        public double max(TimeUnit unit) {
            return TimeUtils.convert(samples.max(), baseTimeUnit(), unit);
        }

        Samples.Snapshot drain() {
            return samples.drain();
        }
    }

    /** A distribution summary (e.g. rules firing, one value per cycle). */
    static final class IntervalSummary extends AbstractDistributionSummary {
        private final Samples samples = new Samples();

        IntervalSummary(Id id, double scale) {
            super(id, scale, NoopHistogram.INSTANCE);
        }

        @Override
        protected void recordNonNegative(double amount) {
            samples.add(amount);
        }

        @Override
        public long count() {
            return samples.count();
        }

        @Override
        public double totalAmount() {
            return samples.sum();
        }

        @Override
        public double max() {
            return samples.max();
        }

        Samples.Snapshot drain() {
            return samples.drain();
        }
    }
}
