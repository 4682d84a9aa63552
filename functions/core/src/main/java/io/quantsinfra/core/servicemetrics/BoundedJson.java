package io.quantsinfra.core.servicemetrics;

import io.quantsinfra.core.error.UpstreamException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader for the answers of a bot's REST API: objects become {@code Map<String, Object>},
 * arrays {@code List<Object>}, numbers {@code Double}. Nesting deeper than {@link #MAX_DEPTH} is refused, so a
 * hostile answer cannot exhaust the stack; the body's size is bounded by whoever read it. Errors say where, never
 * what the body contained.
 */
final class BoundedJson {
    static final int MAX_DEPTH = 32;

    private final String s;
    private final String what;
    private int i;

    private BoundedJson(String s, String what) {
        this.s = s;
        this.what = what;
    }

    /** The value of {@code text}; {@code what} names the answer in errors, e.g. {@code /api/v1/profit}. */
    static Object parse(String text, String what) {
        BoundedJson p = new BoundedJson(text, what);
        Object v = p.value(0);
        p.blanks();
        if (p.i != text.length()) {
            throw p.bad("has text after the JSON value");
        }
        return v;
    }

    private UpstreamException bad(String why) {
        return new UpstreamException(what + " answer is not the JSON expected: at character " + i + " it " + why);
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw bad("nests deeper than " + MAX_DEPTH);
        }
        blanks();
        if (i >= s.length()) {
            throw bad("ends early");
        }
        char c = s.charAt(i);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        blanks();
        if (peek('}')) {
            i++;
            return m;
        }
        while (true) {
            blanks();
            if (!peek('"')) {
                throw bad("has an object key that is not a string");
            }
            String key = string();
            blanks();
            expect(':');
            m.put(key, value(depth + 1));
            blanks();
            if (peek(',')) {
                i++;
            } else {
                expect('}');
                return m;
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> l = new ArrayList<>();
        i++;
        blanks();
        if (peek(']')) {
            i++;
            return l;
        }
        while (true) {
            l.add(value(depth + 1));
            blanks();
            if (peek(',')) {
                i++;
            } else {
                expect(']');
                return l;
            }
        }
    }

    private String string() {
        StringBuilder b = new StringBuilder();
        for (i++; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                return b.toString();
            }
            if (c < 0x20) {
                throw bad("has a control character in a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++i >= s.length()) {
                break;
            }
            char e = s.charAt(i);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 >= s.length() || !s.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                        throw bad("has a bad \\u escape");
                    }
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw bad("has an unknown escape");
            }
        }
        throw bad("has an unterminated string");
    }

    private Object literal(String word, Object value) {
        if (!s.startsWith(word, i)) {
            throw bad("has an unknown word");
        }
        i += word.length();
        return value;
    }

    private Double number() {
        int from = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        String n = s.substring(from, i);
        if (n.isEmpty() || n.length() > 64 || !n.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
            i = from;
            throw bad("has a value that is not JSON");
        }
        return Double.parseDouble(n);
    }

    private void blanks() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw bad("lacks '" + c + "'");
        }
        i++;
    }
}
