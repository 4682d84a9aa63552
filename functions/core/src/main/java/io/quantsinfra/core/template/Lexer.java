package io.quantsinfra.core.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the inside of one {@code {{ ... }}} action into tokens, as Go's text/template lexer does for the subset
 * quants-infra supports: punctuation, strings ({@code "..."} with escapes, {@code `raw`}), fields ({@code .a.b}),
 * variables ({@code $x}), numbers and identifiers. One pass, no backtracking; anything else is refused.
 */
final class Lexer {
    private final String a;
    private final List<Tok> out = new ArrayList<>();
    private int i;

    private Lexer(String action) {
        this.a = action;
    }

    static List<Tok> lex(String a) {
        Lexer lexer = new Lexer(a);
        while (lexer.i < a.length()) {
            lexer.next();
        }
        return lexer.out;
    }

    /** Reads the token at {@code i}, or skips a blank. */
    private void next() {
        char c = a.charAt(i);
        if (Character.isWhitespace(c)) {
            i++;
        } else if (punctuation(c)) {
            return;
        } else if (c == '"') {
            quoted();
        } else if (c == '`') {
            raw();
        } else if (c == '.' && (i + 1 >= a.length() || !Character.isDigit(a.charAt(i + 1)))) {
            // A dot before a digit starts a number (.5); otherwise it is a field chain, the dot included.
            int s = i++;
            skipName(true);
            out.add(new Tok(Tok.Type.FIELD, a.substring(s, i)));
        } else if (c == '$') {
            int s = ++i;
            skipName(true);
            out.add(new Tok(Tok.Type.VAR, a.substring(s, i)));
        } else if (Character.isDigit(c) || c == '-' || c == '+' || c == '.') {
            number();
        } else if (Character.isLetter(c) || c == '_') {
            int s = i;
            skipName(false);
            out.add(new Tok(Tok.Type.IDENT, a.substring(s, i)));
        } else {
            throw new TemplateException("unexpected '" + c + "' in {{ " + snippet(a) + " }}");
        }
    }

    /** One of {@code | ( ) , := =}; false when {@code c} starts none of them. */
    private boolean punctuation(char c) {
        Tok tok = switch (c) {
            case '|' -> new Tok(Tok.Type.PIPE, "|");
            case '(' -> new Tok(Tok.Type.LPAREN, "(");
            case ')' -> new Tok(Tok.Type.RPAREN, ")");
            case ',' -> new Tok(Tok.Type.COMMA, ",");
            case ':' -> i + 1 < a.length() && a.charAt(i + 1) == '=' ? new Tok(Tok.Type.DECLARE, ":=") : null;
            case '=' -> new Tok(Tok.Type.ASSIGN, "=");
            default -> null;
        };
        if (tok == null) {
            return false;
        }
        out.add(tok);
        i += tok.text().length();
        return true;
    }

    /** Moves past letters, digits and {@code _}, and {@code .} too for fields and variables. */
    private void skipName(boolean dots) {
        while (i < a.length() && (Character.isLetterOrDigit(a.charAt(i)) || a.charAt(i) == '_' || dots && a.charAt(i) == '.')) {
            i++;
        }
    }

    /** A double-quoted string with Go's common escapes; an unknown escape is refused, not kept. */
    private void quoted() {
        StringBuilder b = new StringBuilder();
        i++;
        while (i < a.length() && a.charAt(i) != '"') {
            char x = a.charAt(i++);
            if (x == '\\' && i < a.length()) {
                char n = a.charAt(i++);
                switch (n) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case '\\', '"', '\'' -> b.append(n);
                    default -> throw new TemplateException("unknown escape \\" + n + " in a string");
                }
            } else {
                b.append(x);
            }
        }
        if (i >= a.length()) {
            throw new TemplateException("unterminated string in {{ " + snippet(a) + " }}");
        }
        i++;
        out.add(new Tok(Tok.Type.STRING, b.toString()));
    }

    /** A back-quoted string: taken as it stands, no escapes. */
    private void raw() {
        int end = a.indexOf('`', i + 1);
        if (end < 0) {
            throw new TemplateException("unterminated raw string in {{ " + snippet(a) + " }}");
        }
        out.add(new Tok(Tok.Type.STRING, a.substring(i + 1, end)));
        i = end + 1;
    }

    /** A number (sign, digits, a dot, an exponent): what Java parses as a double is kept as written, a leading + dropped. */
    private void number() {
        int s = i++;
        while (i < a.length() && (Character.isLetterOrDigit(a.charAt(i)) || a.charAt(i) == '.')) {
            i++;
        }
        String n = a.substring(s, i);
        try {
            Double.parseDouble(n);
        } catch (NumberFormatException e) {
            throw new TemplateException("'" + snippet(n) + "' is not a number");
        }
        out.add(new Tok(Tok.Type.NUMBER, n.startsWith("+") ? n.substring(1) : n));
    }

    /** Template text for a message, cut short: a message names the place, it does not repeat the template. */
    static String snippet(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
