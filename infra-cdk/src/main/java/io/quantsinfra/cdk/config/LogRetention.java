package io.quantsinfra.cdk.config;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * How long logs are kept, in days: one of the retentions CloudWatch Logs offers. Log buckets expire their
 * objects after the same time.
 *
 * {@snippet :
 * LogRetention retention = LogRetention.ofDays(30);   // RetentionDays.ONE_MONTH
 * }
 */
public record LogRetention(int days) {
    private static final Map<Integer, RetentionDays> ALLOWED = allowed();

    public LogRetention {
        if (!ALLOWED.containsKey(days)) {
            throw new InvalidContextException(AppConfig.LOG_RETENTION_DAYS, "must be a CloudWatch Logs retention "
                    + ALLOWED.keySet() + ", got " + days);
        }
    }

    public static LogRetention ofDays(int days) {
        return new LogRetention(days);
    }

    public RetentionDays retentionDays() {
        return ALLOWED.get(days);
    }

    public Duration duration() {
        return Duration.days(days);
    }

    private static Map<Integer, RetentionDays> allowed() {
        Map<Integer, RetentionDays> m = new LinkedHashMap<>();
        int[] days = {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};
        RetentionDays[] values = {RetentionDays.ONE_DAY, RetentionDays.THREE_DAYS, RetentionDays.FIVE_DAYS,
                RetentionDays.ONE_WEEK, RetentionDays.TWO_WEEKS, RetentionDays.ONE_MONTH, RetentionDays.TWO_MONTHS,
                RetentionDays.THREE_MONTHS, RetentionDays.FOUR_MONTHS, RetentionDays.FIVE_MONTHS, RetentionDays.SIX_MONTHS,
                RetentionDays.ONE_YEAR, RetentionDays.THIRTEEN_MONTHS, RetentionDays.EIGHTEEN_MONTHS, RetentionDays.TWO_YEARS,
                RetentionDays.THREE_YEARS, RetentionDays.FIVE_YEARS, RetentionDays.SIX_YEARS, RetentionDays.SEVEN_YEARS,
                RetentionDays.EIGHT_YEARS, RetentionDays.NINE_YEARS, RetentionDays.TEN_YEARS};
        for (int i = 0; i < days.length; i++) {
            m.put(days[i], values[i]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
