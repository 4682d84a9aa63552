package io.quantsinfra.cli.commands;

import io.quantsinfra.cli.CliException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations like {@code 90s}, {@code 10m}, {@code 2h}. */
final class Durations {
    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,5})(s|m|h)");

    private Durations() {}

    static Duration parse(String option, String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new CliException(CliException.INVALID, option + " must be a duration like 90s, 10m or 2h, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (d.compareTo(Duration.ofHours(24)) > 0) {
            throw new CliException(CliException.INVALID, option + " must be at most 24h, got " + text);
        }
        return d;
    }
}
