package io.quantsinfra.core.template;

import java.util.ArrayList;
import java.util.List;

/** Splits the inside of one {@code {{ ... }}} action into tokens. */
final class Lexer {
    private Lexer() {}

    static List<Tok> lex(String a) {
        List<Tok> out = new ArrayList<>();
        int i = 0;
        while (i < a.length()) {
            char c = a.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '|') {
                out.add(new Tok(Tok.Type.PIPE, "|"));
                i++;
            } else if (c == '(') {
                out.add(new Tok(Tok.Type.LPAREN, "("));
                i++;
            } else if (c == ')') {
                out.add(new Tok(Tok.Type.RPAREN, ")"));
                i++;
            } else if (c == ',') {
                out.add(new Tok(Tok.Type.COMMA, ","));
                i++;
            } else if (c == ':' && i + 1 < a.length() && a.charAt(i + 1) == '=') {
                out.add(new Tok(Tok.Type.DECLARE, ":="));
                i += 2;
            } else if (c == '=') {
                out.add(new Tok(Tok.Type.ASSIGN, "="));
                i++;
            } else if (c == '"') {
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
            } else if (c == '`') {
                int end = a.indexOf('`', i + 1);
                if (end < 0) {
                    throw new TemplateException("unterminated raw string in {{ " + snippet(a) + " }}");
                }
                out.add(new Tok(Tok.Type.STRING, a.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '.' && (i + 1 >= a.length() || !Character.isDigit(a.charAt(i + 1)))) {
                int s = i++;
                while (i < a.length() && (Character.isLetterOrDigit(a.charAt(i)) || a.charAt(i) == '_' || a.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Tok(Tok.Type.FIELD, a.substring(s, i)));
            } else if (c == '$') {
                int s = ++i;
                while (i < a.length() && (Character.isLetterOrDigit(a.charAt(i)) || a.charAt(i) == '_' || a.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Tok(Tok.Type.VAR, a.substring(s, i)));
            } else if (Character.isDigit(c) || c == '-' || c == '+' || c == '.') {
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
            } else if (Character.isLetter(c) || c == '_') {
                int s = i;
                while (i < a.length() && (Character.isLetterOrDigit(a.charAt(i)) || a.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Tok(Tok.Type.IDENT, a.substring(s, i)));
            } else {
                throw new TemplateException("unexpected '" + c + "' in {{ " + snippet(a) + " }}");
            }
        }
        return out;
    }

    /** Template text for a message, cut short: a message names the place, it does not repeat the template. */
    static String snippet(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
