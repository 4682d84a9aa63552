package io.quantsinfra.core.promql;

import io.quantsinfra.core.promql.Expr.BinOp;

/**
 * The character level of {@link PromQl}: a cursor over the expression text that reads numbers, quoted strings,
 * identifiers, keywords and symbols, skipping blanks and {@code #} comments as Prometheus's lexer does. The parser
 * drives it and may move {@link #pos} back to retry; every error names the character it stopped at.
 */
final class Scanner {
    final String src;
    int pos;

    Scanner(String src) {
        this.src = src;
    }

    /** A number literal: decimal with an optional exponent, or hex; a letter right after it is refused. */
    double number() {
        int start = pos;
        if (src.startsWith("0x", pos) || src.startsWith("0X", pos)) {
            pos += 2;
            while (pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) {
                pos++;
            }
            return Long.parseLong(src.substring(start + 2, pos), 16);
        }
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (pos < src.length() && Character.isLetter(src.charAt(pos))) {
            throw new ExpressionException(start, "a duration or name cannot start with a digit here: '" + rest(10) + "'");
        }
        try {
            return Double.parseDouble(src.substring(start, pos));
        } catch (NumberFormatException e) {
            throw new ExpressionException(start, "'" + src.substring(start, pos) + "' is not a number");
        }
    }

    /** A run of letters and digits, such as a duration ({@code 5m}, {@code 1h30m}); empty when none. */
    String word() {
        int start = pos;
        while (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) {
            pos++;
        }
        return src.substring(start, pos);
    }

    /** A quoted value: {@code "..."} or {@code '...'} with escapes, or {@code `raw`}. */
    String string() {
        if (pos >= src.length()) {
            throw error("a quoted value is expected");
        }
        char q = src.charAt(pos);
        if (q != '"' && q != '\'' && q != '`') {
            throw error("a quoted value is expected, like \"value\"");
        }
        int start = pos++;
        StringBuilder b = new StringBuilder();
        while (pos < src.length() && src.charAt(pos) != q) {
            char c = src.charAt(pos++);
            if (c == '\\' && q != '`' && pos < src.length()) {
                char n = src.charAt(pos++);
                switch (n) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case '\\', '"', '\'' -> b.append(n);
                    default -> b.append('\\').append(n);
                }
            } else {
                b.append(c);
            }
        }
        if (pos >= src.length()) {
            throw new ExpressionException(start, "unterminated string");
        }
        pos++;
        return b.toString();
    }

    /** A name of ASCII letters, digits, {@code _} and {@code :} (possibly empty); stops at anything else. */
    String ident() {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_' || src.charAt(pos) == ':')) {
            char c = src.charAt(pos);
            if (c > 127) {
                break;
            }
            pos++;
        }
        return src.substring(start, pos);
    }

    /** Whether {@code c} may start a name. */
    static boolean identStart(char c) {
        return c < 128 && (Character.isLetter(c) || c == '_' || c == ':');
    }

    /** Reads keyword {@code k} (any case, as a whole word) when it comes next. */
    boolean keyword(String k) {
        skipSpace();
        if (keywordAhead(k)) {
            pos += k.length();
            return true;
        }
        return false;
    }

    /** Whether keyword {@code k} comes next, as a whole word, without reading it. */
    boolean keywordAhead(String k) {
        skipSpace();
        if (!src.regionMatches(true, pos, k, 0, k.length())) {
            return false;
        }
        int end = pos + k.length();
        return end >= src.length() || !(Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_' || src.charAt(end) == ':');
    }

    /** Reads {@code s} when it comes next, blanks not skipped. */
    boolean symbol(String s) {
        if (src.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    /** Whether {@code s} comes next, without reading it. */
    boolean peekIs(String s) {
        return src.startsWith(s, pos);
    }

    /** Reads the {@code n} characters of operator {@code op}. */
    BinOp consume(BinOp op, int n) {
        pos += n;
        return op;
    }

    /** Reads {@code s} after blanks, or refuses naming what came instead. */
    void expect(String s) {
        skipSpace();
        if (!symbol(s)) {
            throw error("'" + s + "' expected" + (pos < src.length() ? " but found '" + rest(12) + "'" : " at the end"));
        }
    }

    /** Skips blanks and {@code #} comments up to the end of their line. */
    void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    /** Up to {@code n} characters from here, for messages. */
    String rest(int n) {
        return src.substring(pos, Math.min(src.length(), pos + n));
    }

    /** A refusal at the current character, counted from 1 in the message. */
    ExpressionException error(String message) {
        return new ExpressionException(pos, message + " (at character " + (pos + 1) + ")");
    }
}
