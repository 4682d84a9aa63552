package io.quantsinfra.core.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the supported Go-template subset into {@link Node}s. Blocks are tracked on an explicit stack, not by
 * recursion, and are bounded by {@link TemplateLimits#MAX_NESTING} like parentheses are, so no source can make
 * parsing (or, later, rendering) run out of stack.
 */
final class Parser {
    /** The template's nodes and its {@code define}d templates by name. */
    record Parsed(List<Node> root, Map<String, List<Node>> defines) {}

    private enum Kind { IF, RANGE, WITH, DEFINE, BLOCK }

    /** An open block: what it is, where its node goes when it ends, and what it has collected so far. */
    private static final class Frame {
        final Kind kind;
        final List<Node> outer;
        final int scopeMark;
        final List<Node.Branch> branches = new ArrayList<>();
        Node.Pipeline pipeline;
        String key;
        String value;
        String name;
        List<Node> body = new ArrayList<>();
        List<Node> otherwise;
        List<String> savedScope;

        Frame(Kind kind, List<Node> outer, int scopeMark) {
            this.kind = kind;
            this.outer = outer;
            this.scopeMark = scopeMark;
        }
    }

    private final String src;
    private final List<String> scope;
    private final Deque<Frame> open = new ArrayDeque<>();
    private final Map<String, List<Node>> defines = new LinkedHashMap<>();
    private final List<Node> root = new ArrayList<>();
    private final Set<String> called = new java.util.LinkedHashSet<>();
    private List<Node> current = root;

    private Parser(String src, Set<String> predeclared) {
        this.src = src;
        this.scope = new ArrayList<>(predeclared);
    }

    /** Parses {@code src}; {@code predeclared} names the {@code $variables} it may use besides {@code $}. */
    static Parsed parse(String src, Set<String> predeclared) {
        if (src.length() > TemplateLimits.MAX_SOURCE_CHARS) {
            throw new TemplateLimitException("MAX_SOURCE_CHARS", TemplateLimits.MAX_SOURCE_CHARS,
                    "the template is " + src.length() + " characters long");
        }
        Parser p = new Parser(src, predeclared);
        p.run();
        return new Parsed(List.copyOf(p.root), Map.copyOf(p.defines));
    }

    private void run() {
        int i = 0;
        boolean trimNext = false;
        while (i < src.length()) {
            int opening = src.indexOf("{{", i);
            String text = opening < 0 ? src.substring(i) : src.substring(i, opening);
            if (trimNext) {
                text = text.stripLeading();
            }
            if (opening < 0) {
                text(text);
                break;
            }
            int start = opening + 2;
            if (src.startsWith("- ", start) || src.startsWith("-\t", start) || src.startsWith("-\n", start)) {
                text = text.stripTrailing();
                start += 1;
            }
            text(text);
            int close = findClose(start);
            int end = close;
            trimNext = false;
            if (close - 2 >= start && src.charAt(close - 1) == '-' && Character.isWhitespace(src.charAt(close - 2))) {
                end = close - 1;
                trimNext = true;
            }
            action(src.substring(start, end).strip());
            i = close + 2;
        }
        if (!open.isEmpty()) {
            throw new TemplateException("{{" + open.peek().kind.name().toLowerCase(Locale.ROOT) + "}} has no matching {{end}}");
        }
        for (String name : called) {
            if (!defines.containsKey(name)) {
                throw new TemplateException("template \"" + Lexer.snippet(name) + "\" is not defined");
            }
        }
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
        if (!t.isEmpty()) {
            current.add(new Node.Text(t));
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
        if (first.type() != Tok.Type.IDENT || !control(first.text(), toks.subList(1, toks.size()))) {
            current.add(new Node.Action(pipeline(toks, 0)));
        }
    }

    /** A control action ({@code if}, {@code range}, {@code end} ...); false when {@code name} is none, for a pipeline. */
    private boolean control(String name, List<Tok> rest) {
        switch (name) {
            case "if" -> {
                Frame f = push(Kind.IF);
                f.branches.add(new Node.Branch(pipeline(rest, 0), f.body));
            }
            case "range" -> range(rest);
            case "with" -> push(Kind.WITH).pipeline = pipeline(rest, 0);
            case "define" -> define(rest);
            case "block" -> block(rest);
            case "template" -> current.add(call(rest));
            case "else" -> elseAction(rest);
            case "end" -> end(rest);
            case "break", "continue" -> throw new TemplateException("{{" + name + "}} is not supported");
            default -> {
                return false;
            }
        }
        return true;
    }

    private Frame push(Kind kind) {
        if (open.size() >= TemplateLimits.MAX_NESTING) {
            throw new TemplateLimitException("MAX_NESTING", TemplateLimits.MAX_NESTING,
                    "blocks are nested more than " + TemplateLimits.MAX_NESTING + " deep");
        }
        Frame f = new Frame(kind, current, scope.size());
        open.push(f);
        current = f.body;
        return f;
    }

    private void range(List<Tok> toks) {
        int decl = -1;
        for (int i = 0; i < toks.size() && decl < 0; i++) {
            if (toks.get(i).type() == Tok.Type.DECLARE) {
                decl = i;
            }
        }
        Frame f = push(Kind.RANGE);
        if (decl < 0) {
            f.pipeline = pipeline(toks, 0);
            return;
        }
        List<Tok> vars = toks.subList(0, decl).stream().filter(t -> t.type() != Tok.Type.COMMA).toList();
        if (vars.isEmpty() || vars.size() > 2 || vars.stream().anyMatch(t -> t.type() != Tok.Type.VAR || t.text().contains("."))) {
            throw new TemplateException("range takes $value := ... or $index, $value := ...");
        }
        f.pipeline = pipeline(toks.subList(decl + 1, toks.size()), 0);
        f.key = vars.size() == 2 ? vars.getFirst().text() : null;
        f.value = vars.getLast().text();
        vars.forEach(v -> scope.add(v.text()));
    }

    private void define(List<Tok> toks) {
        if (!open.isEmpty()) {
            throw new TemplateException("{{define}} must be at the top level of a template, not inside a block");
        }
        String name = templateName("define", toks);
        if (toks.size() != 1) {
            throw new TemplateException("{{define \"" + name + "\"}} takes only a name");
        }
        named(push(Kind.DEFINE), name);
    }

    private void block(List<Tok> toks) {
        Node.Call call = call(toks);
        current.add(call);
        named(push(Kind.BLOCK), call.name());
    }

    /** A named template sees only {@code $} (its dot), as in Go: the caller's variables are out of scope. */
    private void named(Frame f, String name) {
        f.name = name;
        f.savedScope = new ArrayList<>(scope);
        scope.clear();
    }

    private Node.Call call(List<Tok> toks) {
        String name = templateName("template", toks);
        Node.Pipeline p = toks.size() > 1 ? pipeline(toks.subList(1, toks.size()), 0) : null;
        called.add(name);
        return new Node.Call(name, p);
    }

    private static String templateName(String action, List<Tok> toks) {
        if (toks.isEmpty() || toks.getFirst().type() != Tok.Type.STRING) {
            throw new TemplateException("{{" + action + "}} needs a quoted template name");
        }
        return toks.getFirst().text();
    }

    private void elseAction(List<Tok> toks) {
        Frame f = open.peek();
        if (f == null || f.kind == Kind.DEFINE || f.kind == Kind.BLOCK) {
            throw new TemplateException("{{else}} outside {{if}}, {{range}} or {{with}}");
        }
        if (f.otherwise != null) {
            throw new TemplateException("{{else}} after {{else}}");
        }
        if (!toks.isEmpty()) {
            if (!toks.getFirst().text().equals("if") || f.kind != Kind.IF) {
                throw new TemplateException("only {{else if ...}} may follow {{if}}; '{{else " + Lexer.snippet(toks.getFirst().text())
                        + "}}' is not supported");
            }
            List<Node> body = new ArrayList<>();
            f.branches.add(new Node.Branch(pipeline(toks.subList(1, toks.size()), 0), body));
            current = body;
            return;
        }
        f.otherwise = new ArrayList<>();
        current = f.otherwise;
    }

    private void end(List<Tok> toks) {
        if (!toks.isEmpty()) {
            throw new TemplateException("{{end}} takes nothing");
        }
        Frame f = open.poll();
        if (f == null) {
            throw new TemplateException("{{end}} without an {{if}}, {{range}}, {{with}} or {{define}}");
        }
        if (f.savedScope != null) {
            scope.clear();
            scope.addAll(f.savedScope);
        } else {
            scope.subList(f.scopeMark, scope.size()).clear();
        }
        current = f.outer;
        List<Node> otherwise = f.otherwise == null ? List.of() : List.copyOf(f.otherwise);
        switch (f.kind) {
            case IF -> current.add(new Node.If(f.branches.stream()
                    .map(b -> new Node.Branch(b.condition(), List.copyOf(b.body()))).toList(), otherwise));
            case RANGE -> current.add(new Node.Range(f.pipeline, f.key, f.value, List.copyOf(f.body), otherwise));
            case WITH -> current.add(new Node.With(f.pipeline, List.copyOf(f.body), otherwise));
            case DEFINE, BLOCK -> {
                if (defines.containsKey(f.name)) {
                    throw new TemplateException("template \"" + Lexer.snippet(f.name) + "\" is defined twice");
                }
                defines.put(f.name, List.copyOf(f.body));
            }
        }
    }

    /** A pipeline: [$x := | $x =] command ('|' command)*. {@code depth} counts the parentheses around it. */
    private Node.Pipeline pipeline(List<Tok> toks, int depth) {
        if (depth + open.size() > TemplateLimits.MAX_NESTING) {
            throw new TemplateLimitException("MAX_NESTING", TemplateLimits.MAX_NESTING,
                    "parentheses and blocks are nested more than " + TemplateLimits.MAX_NESTING + " deep");
        }
        String declare = null;
        boolean assign = false;
        if (toks.size() > 2 && toks.getFirst().type() == Tok.Type.VAR
                && (toks.get(1).type() == Tok.Type.DECLARE || toks.get(1).type() == Tok.Type.ASSIGN)) {
            declare = toks.getFirst().text();
            assign = toks.get(1).type() == Tok.Type.ASSIGN;
            if (declare.isEmpty() || declare.contains(".")) {
                throw new TemplateException("cannot declare or assign '$" + Lexer.snippet(declare) + "'");
            }
            if (assign && !scope.contains(declare)) {
                throw new TemplateException("undefined variable $" + declare);
            }
            toks = toks.subList(2, toks.size());
        }
        if (toks.isEmpty()) {
            throw new TemplateException("missing value in action");
        }
        List<Node.Command> commands = new ArrayList<>();
        for (List<Tok> c : splitPipes(toks)) {
            if (c.isEmpty()) {
                throw new TemplateException("missing command in pipeline");
            }
            commands.add(command(c, !commands.isEmpty(), depth));
        }
        if (declare != null && !assign) {
            scope.add(declare);
        }
        return new Node.Pipeline(declare, assign, List.copyOf(commands));
    }

    private static List<List<Tok>> splitPipes(List<Tok> toks) {
        List<List<Tok>> commands = new ArrayList<>();
        List<Tok> cur = new ArrayList<>();
        int parens = 0;
        for (Tok t : toks) {
            if (t.type() == Tok.Type.LPAREN) {
                parens++;
            } else if (t.type() == Tok.Type.RPAREN) {
                parens--;
            }
            if (t.type() == Tok.Type.PIPE && parens == 0) {
                commands.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(t);
            }
        }
        commands.add(cur);
        return commands;
    }

    private Node.Command command(List<Tok> c, boolean piped, int depth) {
        Tok head = c.getFirst();
        if (head.type() == Tok.Type.IDENT && !Functions.LITERALS.contains(head.text())) {
            String fn = head.text();
            if (!Functions.NAMES.contains(fn)) {
                throw new TemplateException("function \"" + Lexer.snippet(fn) + "\" is not supported; supported: "
                        + String.join(", ", Functions.NAMES.stream().sorted().toList()));
            }
            List<Node.Expr> args = operands(c.subList(1, c.size()), depth);
            if (fn.equals("printf") && !args.isEmpty() && args.getFirst() instanceof Node.Expr.Literal(String format)) {
                Printf.check(format);
            }
            return new Node.Command(fn, args);
        }
        if (piped) {
            throw new TemplateException("cannot pipe a value into " + Lexer.snippet(head.text()) + ": only functions take a piped value");
        }
        List<Node.Expr> ops = operands(c, depth);
        if (ops.size() != 1) {
            throw new TemplateException("cannot give arguments to " + Lexer.snippet(head.text()) + ": it is not a function");
        }
        return new Node.Command(null, ops);
    }

    private List<Node.Expr> operands(List<Tok> toks, int depth) {
        List<Node.Expr> out = new ArrayList<>();
        int i = 0;
        while (i < toks.size()) {
            Tok t = toks.get(i);
            if (t.type() == Tok.Type.LPAREN) {
                int j = closing(toks, i);
                Node.Pipeline inner = pipeline(toks.subList(i + 1, j - 1), depth + 1);
                i = j;
                List<String> chain = List.of();
                if (i < toks.size() && toks.get(i).type() == Tok.Type.FIELD && !toks.get(i).text().equals(".")) {
                    chain = fields(toks.get(i).text());
                    i++;
                }
                out.add(new Node.Expr.Sub(inner, chain));
                continue;
            }
            out.add(operand(t));
            i++;
        }
        return out;
    }

    private static int closing(List<Tok> toks, int from) {
        int parens = 1;
        int j = from + 1;
        while (j < toks.size() && parens > 0) {
            if (toks.get(j).type() == Tok.Type.LPAREN) {
                parens++;
            } else if (toks.get(j).type() == Tok.Type.RPAREN) {
                parens--;
            }
            j++;
        }
        if (parens != 0) {
            throw new TemplateException("unbalanced parentheses");
        }
        return j;
    }

    private Node.Expr operand(Tok t) {
        return switch (t.type()) {
            case FIELD -> new Node.Expr.Dot(t.text().equals(".") ? List.of() : fields(t.text()));
            case VAR -> variable(t.text());
            case STRING -> new Node.Expr.Literal(t.text());
            case NUMBER -> new Node.Expr.Literal(number(t.text()));
            case IDENT -> new Node.Expr.Literal(switch (t.text()) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "nil" -> null;
                default -> throw new TemplateException("function \"" + Lexer.snippet(t.text())
                        + "\" used as an argument; wrap it in parentheses: (" + Lexer.snippet(t.text()) + " ...)");
            });
            default -> throw new TemplateException("unexpected '" + Lexer.snippet(t.text()) + "'");
        };
    }

    private Node.Expr variable(String text) {
        int dotAt = text.indexOf('.');
        String name = dotAt < 0 ? text : text.substring(0, dotAt);
        List<String> chain = dotAt < 0 ? List.of() : fields(text.substring(dotAt));
        if (!name.isEmpty() && !scope.contains(name)) {
            throw new TemplateException("undefined variable $" + Lexer.snippet(name));
        }
        return new Node.Expr.Var(name, chain);
    }

    private static List<String> fields(String chain) {
        List<String> out = new ArrayList<>();
        for (String f : chain.substring(1).split("\\.", -1)) {
            if (f.isEmpty() || !f.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new TemplateException("'" + Lexer.snippet(chain) + "' is not a field name");
            }
            out.add(f);
        }
        return List.copyOf(out);
    }

    private static Object number(String n) {
        if (n.matches("-?\\d{1,18}")) {
            return Long.parseLong(n);
        }
        return Double.parseDouble(n);
    }
}
