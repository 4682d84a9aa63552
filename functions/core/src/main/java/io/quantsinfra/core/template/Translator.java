package io.quantsinfra.core.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Translates the supported Go-template subset into Pebble source. Text passes through (in a verbatim block
 * when it holds Pebble delimiters); every action becomes Pebble calling {@code go_*} functions, so Go's
 * semantics (field access, truth, printing, pipelines passing the value as the last argument) are kept.
 * Variables become {@code v_<name>}; the root is {@code v_root}.
 */
final class Translator {
    private final String src;
    private final Set<String> variables;
    private final StringBuilder out = new StringBuilder();
    private final List<String> constants = new ArrayList<>();
    private final Deque<Block> blocks = new ArrayDeque<>();
    private String dot = "v_root";
    private int counter;

    private enum Kind { IF, RANGE, WITH }

    private record Block(Kind kind, String outerDot) {}

    private Translator(String src, Set<String> predeclared) {
        this.src = src;
        this.variables = new HashSet<>(predeclared);
    }

    /** Pebble source and the string constants it refers to as {@code c0, c1, ...}. */
    record Result(String pebble, List<String> constants) {}

    /** The Pebble source for {@code goTemplate}; {@code predeclared} names the {@code $variables} it may use. */
    static Result translate(String goTemplate, Set<String> predeclared) {
        Translator t = new Translator(goTemplate, predeclared);
        t.run();
        return new Result(t.out.toString(), List.copyOf(t.constants));
    }

    private void run() {
        List<String[]> parts = split();
        for (String[] p : parts) {
            if (p[0].equals("text")) {
                text(p[1]);
            } else {
                action(p[1].strip());
            }
        }
        if (!blocks.isEmpty()) {
            throw new TemplateException("{{" + blocks.peek().kind().name().toLowerCase(java.util.Locale.ROOT)
                    + "}} has no matching {{end}}");
        }
    }

    /** Text and action parts, with {{- and -}} trimming applied to the neighbouring text. */
    private List<String[]> split() {
        List<String[]> parts = new ArrayList<>();
        int i = 0;
        boolean trimNext = false;
        while (i < src.length()) {
            int open = src.indexOf("{{", i);
            String text = open < 0 ? src.substring(i) : src.substring(i, open);
            if (trimNext) {
                text = text.stripLeading();
            }
            if (open < 0) {
                parts.add(new String[] {"text", text});
                break;
            }
            int start = open + 2;
            if (src.startsWith("- ", start) || src.startsWith("-\t", start) || src.startsWith("-\n", start)) {
                text = text.stripTrailing();
                start += 1;
            }
            parts.add(new String[] {"text", text});
            int close = findClose(start);
            int end = close;
            trimNext = false;
            if (close - 1 >= start && src.charAt(close - 1) == '-' && close - 2 >= start
                    && Character.isWhitespace(src.charAt(close - 2))) {
                end = close - 1;
                trimNext = true;
            }
            parts.add(new String[] {"action", src.substring(start, end)});
            i = close + 2;
        }
        return parts;
    }

    private int findClose(int from) {
        char quote = 0;
        for (int i = from; i < src.length() - 1; i++) {
            char c = src.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '}' && src.charAt(i + 1) == '}') {
                return i;
            }
        }
        throw new TemplateException("an action opened with {{ at character " + (from - 1) + " is not closed with }}");
    }

    private void text(String t) {
        if (t.isEmpty()) {
            return;
        }
        if (t.contains("{%") || t.contains("{#") || t.contains("{{") || t.contains("}}")) {
            out.append("{% verbatim %}").append(t).append("{% endverbatim %}");
        } else {
            out.append(t);
        }
    }

    private void action(String a) {
        if (a.startsWith("/*")) {
            if (!a.endsWith("*/")) {
                throw new TemplateException("a comment {{/* ... */}} is not closed");
            }
            return;
        }
        List<Tok> toks = Lexer.lex(a);
        if (toks.isEmpty()) {
            throw new TemplateException("empty action {{ }}");
        }
        Tok first = toks.getFirst();
        if (first.type() == Tok.Type.IDENT) {
            switch (first.text()) {
                case "if" -> {
                    out.append("{% if go_truth(").append(pipeline(toks.subList(1, toks.size()))).append(") %}");
                    blocks.push(new Block(Kind.IF, dot));
                    return;
                }
                case "else" -> {
                    elseAction(toks);
                    return;
                }
                case "end" -> {
                    if (toks.size() > 1) {
                        throw new TemplateException("{{end}} takes nothing after it");
                    }
                    end();
                    return;
                }
                case "range" -> {
                    range(toks.subList(1, toks.size()));
                    return;
                }
                case "with" -> {
                    String w = "w" + (++counter);
                    out.append("{% set ").append(w).append(" = ").append(pipeline(toks.subList(1, toks.size())))
                            .append(" %}{% if go_truth(").append(w).append(") %}");
                    blocks.push(new Block(Kind.WITH, dot));
                    dot = w;
                    return;
                }
                case "define", "template", "block" -> throw new TemplateException("{{" + first.text()
                        + "}}: named templates are not supported; write the text inline");
                case "break", "continue" -> throw new TemplateException("{{" + first.text() + "}} is not supported");
                default -> { }
            }
        }
        if (first.type() == Tok.Type.VAR && toks.size() > 2
                && (toks.get(1).type() == Tok.Type.DECLARE || toks.get(1).type() == Tok.Type.ASSIGN)) {
            String name = first.text();
            if (toks.get(1).type() == Tok.Type.ASSIGN && !variables.contains(name)) {
                throw new TemplateException("undefined variable $" + name);
            }
            variables.add(name);
            out.append("{% set v_").append(name).append(" = ").append(pipeline(toks.subList(2, toks.size()))).append(" %}");
            return;
        }
        out.append("{{ go_print(").append(pipeline(toks)).append(") }}");
    }

    private void elseAction(List<Tok> toks) {
        if (blocks.isEmpty()) {
            throw new TemplateException("{{else}} outside {{if}}, {{range}} or {{with}}");
        }
        Block b = blocks.peek();
        if (toks.size() > 1) {
            if (!toks.get(1).text().equals("if") || b.kind() != Kind.IF) {
                throw new TemplateException("only {{else if ...}} may follow {{if}}; '{{else " + toks.get(1).text()
                        + "}}' is not supported");
            }
            out.append("{% elseif go_truth(").append(pipeline(toks.subList(2, toks.size()))).append(") %}");
            return;
        }
        if (b.kind() == Kind.WITH) {
            dot = b.outerDot();
        }
        out.append("{% else %}");
    }

    private void end() {
        if (blocks.isEmpty()) {
            throw new TemplateException("{{end}} without an {{if}}, {{range}} or {{with}}");
        }
        Block b = blocks.pop();
        dot = b.outerDot();
        out.append(b.kind() == Kind.RANGE ? "{% endfor %}" : "{% endif %}");
    }

    private void range(List<Tok> toks) {
        int decl = -1;
        for (int i = 0; i < toks.size(); i++) {
            if (toks.get(i).type() == Tok.Type.DECLARE) {
                decl = i;
                break;
            }
        }
        Block block = new Block(Kind.RANGE, dot);
        if (decl < 0) {
            String d = "d" + (++counter);
            out.append("{% for ").append(d).append(" in go_iter(").append(pipeline(toks)).append(") %}");
            blocks.push(block);
            dot = d;
            return;
        }
        List<Tok> vars = toks.subList(0, decl).stream().filter(t -> t.type() != Tok.Type.COMMA).toList();
        if (vars.isEmpty() || vars.size() > 2 || vars.stream().anyMatch(t -> t.type() != Tok.Type.VAR)) {
            throw new TemplateException("range takes $value := ... or $index, $value := ...");
        }
        String expr = pipeline(toks.subList(decl + 1, toks.size()));
        vars.forEach(v -> variables.add(v.text()));
        if (vars.size() == 1) {
            String v = "v_" + vars.getFirst().text();
            out.append("{% for ").append(v).append(" in go_iter(").append(expr).append(") %}");
            blocks.push(block);
            dot = v;
            return;
        }
        String p = "p" + (++counter);
        String k = "v_" + vars.get(0).text();
        String v = "v_" + vars.get(1).text();
        out.append("{% for ").append(p).append(" in go_pairs(").append(expr).append(") %}{% set ").append(k)
                .append(" = go_field(").append(p).append(", 'k') %}{% set ").append(v).append(" = go_field(").append(p)
                .append(", 'v') %}");
        blocks.push(block);
        dot = v;
    }

    /** A pipeline: command ('|' command)*, the value of each passed as the last argument of the next. */
    private String pipeline(List<Tok> toks) {
        if (toks.isEmpty()) {
            throw new TemplateException("missing value in action");
        }
        List<List<Tok>> commands = new ArrayList<>();
        List<Tok> cur = new ArrayList<>();
        int depth = 0;
        for (Tok t : toks) {
            if (t.type() == Tok.Type.LPAREN) {
                depth++;
            } else if (t.type() == Tok.Type.RPAREN) {
                depth--;
            }
            if (t.type() == Tok.Type.PIPE && depth == 0) {
                commands.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(t);
            }
        }
        commands.add(cur);
        String value = null;
        for (List<Tok> c : commands) {
            if (c.isEmpty()) {
                throw new TemplateException("missing command in pipeline");
            }
            value = command(c, value);
        }
        return value;
    }

    private String command(List<Tok> c, String piped) {
        Tok head = c.getFirst();
        if (head.type() == Tok.Type.IDENT && !Functions.LITERALS.contains(head.text())) {
            String fn = head.text();
            if (!Functions.NAMES.contains(fn)) {
                throw new TemplateException("function \"" + fn + "\" is not supported; supported: "
                        + String.join(", ", Functions.NAMES.stream().sorted().toList()));
            }
            List<String> args = operands(c.subList(1, c.size()));
            if (piped != null) {
                args = new ArrayList<>(args);
                args.add(piped);
            }
            return "go_" + fn + "(" + String.join(", ", args) + ")";
        }
        if (piped != null) {
            throw new TemplateException("cannot pipe a value into " + head.text() + ": only functions take a piped value");
        }
        List<String> ops = operands(c);
        if (ops.size() != 1) {
            throw new TemplateException("cannot give arguments to " + head.text() + ": it is not a function");
        }
        return ops.getFirst();
    }

    private List<String> operands(List<Tok> toks) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < toks.size()) {
            Tok t = toks.get(i);
            String operand;
            switch (t.type()) {
                case LPAREN -> {
                    int depth = 1;
                    int j = i + 1;
                    while (j < toks.size() && depth > 0) {
                        if (toks.get(j).type() == Tok.Type.LPAREN) {
                            depth++;
                        } else if (toks.get(j).type() == Tok.Type.RPAREN) {
                            depth--;
                        }
                        j++;
                    }
                    if (depth != 0) {
                        throw new TemplateException("unbalanced parentheses");
                    }
                    operand = "(" + pipeline(toks.subList(i + 1, j - 1)) + ")";
                    i = j;
                    if (i < toks.size() && toks.get(i).type() == Tok.Type.FIELD && toks.get(i).text().startsWith(".")
                            && !toks.get(i).text().equals(".")) {
                        operand = fields(operand, toks.get(i).text());
                        i++;
                    }
                    out.add(operand);
                    continue;
                }
                case FIELD -> operand = t.text().equals(".") ? dot : fields(dot, t.text());
                case VAR -> {
                    String name = t.text();
                    String chain = "";
                    int dotAt = name.indexOf('.');
                    if (dotAt >= 0) {
                        chain = name.substring(dotAt);
                        name = name.substring(0, dotAt);
                    }
                    String base;
                    if (name.isEmpty()) {
                        base = "v_root";
                    } else {
                        if (!variables.contains(name)) {
                            throw new TemplateException("undefined variable $" + name);
                        }
                        base = "v_" + name;
                    }
                    operand = chain.isEmpty() ? base : fields(base, chain);
                }
                case STRING -> operand = pebbleString(t.text());
                case NUMBER -> operand = t.text();
                case IDENT -> {
                    operand = switch (t.text()) {
                        case "true" -> "true";
                        case "false" -> "false";
                        case "nil" -> "null";
                        default -> throw new TemplateException("function \"" + t.text()
                                + "\" used as an argument; wrap it in parentheses: (" + t.text() + " ...)");
                    };
                }
                default -> throw new TemplateException("unexpected '" + t.text() + "'");
            }
            out.add(operand);
            i++;
        }
        return out;
    }

    private static String fields(String base, String chain) {
        String expr = base;
        for (String f : chain.substring(1).split("\\.")) {
            if (f.isEmpty() || !f.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new TemplateException("'" + chain + "' is not a field name");
            }
            expr = "go_field(" + expr + ", '" + f + "')";
        }
        return expr;
    }

    /** String literals travel as context variables {@code c<N>}: no escaping rules of Pebble's to get wrong. */
    private String pebbleString(String s) {
        constants.add(s);
        return "c" + (constants.size() - 1);
    }
}
