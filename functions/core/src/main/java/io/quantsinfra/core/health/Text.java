package io.quantsinfra.core.health;

import java.time.Duration;

/** Small wording helpers so every message reads the same way. */
final class Text {

    private Text() {
    }

    /** {@code 45 s}, {@code 12 min}, {@code 2 h 5 min}; negative durations (clock skew) read as {@code 0 s}. */
    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        long min = s / 60;
        if (min < 120) {
            return min + " min";
        }
        return min / 60 + " h " + min % 60 + " min";
    }

    /** {@code 1 task}, {@code 2 tasks}. */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Drops a trailing period so ECS's sentences can be embedded in ours. */
    static String fragment(String s) {
        String t = s.strip();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
