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
    /** The pipelines inside actions, declaring into and reading from {@link #scope}. */
    private final Pipelines pipelines;

    private Parser(String src, Set<String> predeclared) {
        this.src = src;
        this.scope = new ArrayList<>(predeclared);
        this.pipelines = new Pipelines(scope, open::size);
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
            current.add(new Node.Action(pipelines.pipeline(toks, 0)));
        }
    }

    /** A control action ({@code if}, {@code range}, {@code end} ...); false when {@code name} is none, for a pipeline. */
    private boolean control(String name, List<Tok> rest) {
        switch (name) {
            case "if" -> {
                Frame f = push(Kind.IF);
                f.branches.add(new Node.Branch(pipelines.pipeline(rest, 0), f.body));
            }
            case "range" -> range(rest);
            case "with" -> push(Kind.WITH).pipeline = pipelines.pipeline(rest, 0);
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
            f.pipeline = pipelines.pipeline(toks, 0);
            return;
        }
        List<Tok> vars = toks.subList(0, decl).stream().filter(t -> t.type() != Tok.Type.COMMA).toList();
        if (vars.isEmpty() || vars.size() > 2 || vars.stream().anyMatch(t -> t.type() != Tok.Type.VAR || t.text().contains("."))) {
            throw new TemplateException("range takes $value := ... or $index, $value := ...");
        }
        f.pipeline = pipelines.pipeline(toks.subList(decl + 1, toks.size()), 0);
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
        Node.Pipeline p = toks.size() > 1 ? pipelines.pipeline(toks.subList(1, toks.size()), 0) : null;
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
            f.branches.add(new Node.Branch(pipelines.pipeline(toks.subList(1, toks.size()), 0), body));
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
}
