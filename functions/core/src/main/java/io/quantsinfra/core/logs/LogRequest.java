package io.quantsinfra.core.logs;

import io.quantsinfra.core.error.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validated log query parameters: {@code lines} 1..10,000 (default 100), {@code since} as an ISO-8601
 * instant or a relative age like {@code 15m}, {@code 2h}, {@code 7d}.
 */
public record LogRequest(int lines, Instant since) {
    public static final int DEFAULT_LINES = 100;
    public static final int MAX_LINES = 10_000;
    private static final Pattern AGE = Pattern.compile("([1-9][0-9]{0,5})([smhd])");

    /** Parses raw parameters; {@code null} means the default. */
    public static LogRequest parse(Integer lines, String since, Clock clock) {
        int n = lines == null ? DEFAULT_LINES : lines;
        if (n < 1 || n > MAX_LINES) {
            throw new InvalidInputException("lines", "must be between 1 and " + MAX_LINES + ", got " + n);
        }
        return new LogRequest(n, since == null || since.isBlank() ? null : parseSince(since, clock));
    }

    static Instant parseSince(String since, Clock clock) {
        Matcher m = AGE.matcher(since);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return clock.instant().minus(d);
        }
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("since",
                    "expected an ISO-8601 time like 2026-01-31T12:00:00Z or an age like 15m, 2h, 7d");
        }
    }
}
