package io.quantsinfra.core.promql;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An upper bound on how many elements a regular expression becomes once RE2 unrolls its counted repetitions:
 * {@code x{n}} and {@code x{n,m}} are compiled into up to m copies of x, so nested counts multiply. The count is
 * deliberately coarse (every character outside a class or escape is one element) and stops as soon as it
 * passes {@link Regex#MAX_EXPANSION}; it runs before the pattern is handed to RE2, in one pass, without recursion.
 */
final class RepeatExpansion {
    /** Counts of the groups open around the current position, innermost on top. */
    private final Deque<Long> outer = new ArrayDeque<>();
    /** Elements counted so far in the current group. */
    private long current;
    /** Elements in the last atom or group read: what a following {@code {n}} repeats. */
    private long last;

    private RepeatExpansion() {}

    static long of(String p) {
        RepeatExpansion e = new RepeatExpansion();
        for (int i = 0; i < p.length() && e.current <= Regex.MAX_EXPANSION; i++) {
            i = e.step(p, i);
        }
        while (!e.outer.isEmpty()) {
            e.current += e.outer.pop();
        }
        return e.current;
    }

    /** Counts what starts at {@code i}; returns the index of its last character. */
    private int step(String p, int i) {
        switch (p.charAt(i)) {
            case '\\' -> {
                int end = escapeEnd(p, i);
                atom(p.startsWith("\\Q", i) ? Math.max(1, end - i - 3) : 1);
                return end;
            }
            case '[' -> {
                int end = classEnd(p, i);
                atom(1);
                return end;
            }
            case '(' -> {
                outer.push(current);
                current = 0;
                last = 0;
            }
            case ')' -> {
                long group = current;
                current = (outer.isEmpty() ? 0 : outer.pop()) + group;
                last = group;
            }
            case '{' -> {
                return repeat(p, i);
            }
            case '*', '+', '?', '|' -> { }
            default -> atom(1);
        }
        return i;
    }

    /** An atom of {@code n} elements (a {@code \Q...\E} literal counts its characters). */
    private void atom(long n) {
        current += n;
        last = 1;
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}}: the last atom or group again, up to the count; else a literal '{'. */
    private int repeat(String p, int i) {
        int end = p.indexOf('}', i);
        int count = end < 0 ? -1 : repeatCount(p.substring(i + 1, end));
        if (count < 0) {
            atom(1);
            return i;
        }
        current += last * (count - 1L);
        last = last * count;
        return end;
    }

    /** The largest count of a repetition body {@code n}, {@code n,} or {@code n,m} (capped at 1,001), or -1 if not one. */
    private static int repeatCount(String body) {
        int comma = body.indexOf(',');
        String lo = comma < 0 ? body : body.substring(0, comma);
        String hi = comma < 0 ? "" : body.substring(comma + 1);
        if (!digits(lo) || !hi.isEmpty() && !digits(hi)) {
            return -1;
        }
        return Math.max(count(lo), hi.isEmpty() ? 1 : count(hi));
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    private static int count(String digits) {
        return digits.length() > 4 ? 1_001 : Math.min(1_001, Integer.parseInt(digits));
    }

    /** The index of the last character of the escape starting at {@code i}. */
    private static int escapeEnd(String p, int i) {
        if (i + 1 >= p.length()) {
            return i;
        }
        char n = p.charAt(i + 1);
        if (n == 'Q') {
            int e = p.indexOf("\\E", i + 2);
            return e < 0 ? p.length() - 1 : e + 1;
        }
        if ((n == 'p' || n == 'P' || n == 'x') && i + 2 < p.length() && p.charAt(i + 2) == '{') {
            int e = p.indexOf('}', i + 2);
            return e < 0 ? p.length() - 1 : e;
        }
        return i + 1;
    }

    /** The index of the {@code ]} closing the class that starts at {@code i} (a leading {@code ]} is literal). */
    private static int classEnd(String p, int i) {
        int j = i + 1;
        if (j < p.length() && p.charAt(j) == '^') {
            j++;
        }
        if (j < p.length() && p.charAt(j) == ']') {
            j++;
        }
        for (; j < p.length(); j++) {
            char c = p.charAt(j);
            if (c == '\\') {
                j = escapeEnd(p, j);
            } else if (c == '[' && p.startsWith("[:", j)) {
                int e = p.indexOf(":]", j + 2);
                j = e < 0 ? j : e + 1;
            } else if (c == ']') {
                return j;
            }
        }
        return p.length() - 1;
    }
}
