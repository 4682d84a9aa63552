package io.quantsinfra.core.promql;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus durations: one or more {@code <number><unit>} with units {@code ms s m h d w y}, largest first,
 * e.g. {@code 90s}, {@code 1h30m}, {@code 2d}. A year is 365 days, a week 7 days, as in Prometheus.
 *
 * {@snippet :
 * Duration d = PromDuration.parse("1h30m"); // PT1H30M
 * String s = PromDuration.format(d);        // "1h30m"
 * }
 */
public final class PromDuration {
    private static final Pattern WHOLE = Pattern.compile("((\\d+)y)?((\\d+)w)?((\\d+)d)?((\\d+)h)?((\\d+)m)?((\\d+)s)?((\\d+)ms)?");

    private PromDuration() {}

    /** The duration, or IllegalArgumentException naming the expected form. */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a duration is required, like 30s, 5m, 1h30m");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = WHOLE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write it like 30s, 5m, 1h30m, 2d");
        }
        long[] unitsMs = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};
        long total = 0;
        boolean any = false;
        for (int i = 0; i < unitsMs.length; i++) {
            String n = m.group(2 + 2 * i);
            if (n != null) {
                any = true;
                try {
                    total = Math.addExact(total, Math.multiplyExact(Long.parseLong(n), unitsMs[i]));
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new IllegalArgumentException("'" + text + "' is too long a duration");
                }
            }
        }
        if (!any) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write it like 30s, 5m, 1h30m, 2d");
        }
        return Duration.ofMillis(total);
    }

    /** The shortest Prometheus form, e.g. {@code 1h30m}; {@code 0s} for zero. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long[] unitsMs = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};
        String[] names = {"y", "w", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < unitsMs.length; i++) {
            if (ms >= unitsMs[i]) {
                b.append(ms / unitsMs[i]).append(names[i]);
                ms %= unitsMs[i];
            }
        }
        return b.toString();
    }
}
