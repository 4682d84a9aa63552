package io.quantsinfra.core.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One render: walks the parsed nodes over the data, counting the work against {@link TemplateLimits} as it goes.
 * Text nodes are written as they are; action values are printed (and HTML-escaped in HTML mode), never parsed.
 * Recursion here is bounded: blocks and template calls are open at most {@code MAX_RENDER_DEPTH} deep at once.
 */
final class Exec {
    /** No value piped into a command (a piped {@code nil} is a value). */
    private static final Object NONE = new Object();

    private final Map<String, List<Node>> defines;
    private final boolean html;
    private final StringBuilder out = new StringBuilder();
    private List<String> names = new ArrayList<>();
    private List<Object> values = new ArrayList<>();
    private int steps;
    private int iterations;
    private int callDepth;
    private int depth;
    private long regexChars;

    Exec(Map<String, List<Node>> defines, boolean html) {
        this.defines = defines;
        this.html = html;
    }

    String run(List<Node> root, Object dot, Map<String, ?> variables) {
        push("", dot);
        variables.forEach(this::push);
        list(root, dot);
        return out.toString();
    }

    private void list(List<Node> nodes, Object dot) {
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            step();
            if (n instanceof Node.Text t) {
                write(t.text());
            } else if (n instanceof Node.Action a) {
                Object v = pipeline(a.pipeline(), dot);
                if (a.pipeline().declare() == null) {
                    write(html && !(v instanceof SafeHtml) ? Html.escape(Functions.print(v)) : Functions.print(v));
                }
            } else {
                block(n, dot);
            }
        }
    }

    private void block(Node n, Object dot) {
        if (++depth > TemplateLimits.MAX_RENDER_DEPTH) {
            throw new TemplateLimitException("MAX_RENDER_DEPTH", TemplateLimits.MAX_RENDER_DEPTH,
                    "blocks and template calls are open more than " + TemplateLimits.MAX_RENDER_DEPTH + " deep");
        }
        try {
            switch (n) {
                case Node.If i -> ifNode(i, dot);
                case Node.Range r -> range(r, dot);
                case Node.With w -> with(w, dot);
                case Node.Call c -> call(c, dot);
                case Node.Text t -> write(t.text());
                case Node.Action a -> throw new IllegalStateException("an action is not a block");
            }
        } finally {
            depth--;
        }
    }

    private void ifNode(Node.If i, Object dot) {
        int mark = names.size();
        try {
            for (int k = 0; k < i.branches().size(); k++) {
                Node.Branch b = i.branches().get(k);
                if (Functions.truth(pipeline(b.condition(), dot))) {
                    list(b.body(), dot);
                    return;
                }
            }
            list(i.otherwise(), dot);
        } finally {
            pop(mark);
        }
    }

    private void with(Node.With w, Object dot) {
        int mark = names.size();
        Object v = pipeline(w.pipeline(), dot);
        if (Functions.truth(v)) {
            list(w.body(), v);
        } else {
            list(w.otherwise(), dot);
        }
        pop(mark);
    }

    private void range(Node.Range r, Object dot) {
        int mark = names.size();
        List<Map.Entry<Object, Object>> items = Functions.entries(pipeline(r.pipeline(), dot));
        for (Map.Entry<Object, Object> e : items) {
            if (++iterations > TemplateLimits.MAX_RANGE_ITERATIONS) {
                throw new TemplateLimitException("MAX_RANGE_ITERATIONS", TemplateLimits.MAX_RANGE_ITERATIONS,
                        "range loops ran more than " + TemplateLimits.MAX_RANGE_ITERATIONS + " iterations in one render");
            }
            if (r.key() != null) {
                push(r.key(), e.getKey());
            }
            if (r.value() != null) {
                push(r.value(), e.getValue());
            }
            list(r.body(), e.getValue());
            pop(mark);
        }
        if (items.isEmpty()) {
            list(r.otherwise(), dot);
        }
        pop(mark);
    }

    private void call(Node.Call c, Object dot) {
        if (callDepth >= TemplateLimits.MAX_CALL_DEPTH) {
            throw new TemplateLimitException("MAX_CALL_DEPTH", TemplateLimits.MAX_CALL_DEPTH,
                    "{{template \"" + Lexer.snippet(c.name()) + "\"}} calls are nested more than "
                            + TemplateLimits.MAX_CALL_DEPTH + " deep");
        }
        Object d = c.pipeline() == null ? null : pipeline(c.pipeline(), dot);
        List<String> callerNames = names;
        List<Object> callerValues = values;
        names = new ArrayList<>();
        values = new ArrayList<>();
        callDepth++;
        try {
            push("", d);
            list(defines.get(c.name()), d);
        } finally {
            callDepth--;
            names = callerNames;
            values = callerValues;
        }
    }

    private Object pipeline(Node.Pipeline p, Object dot) {
        Object v = NONE;
        for (Node.Command c : p.commands()) {
            v = command(c, dot, v);
        }
        if (p.declare() != null) {
            if (p.assign()) {
                values.set(names.lastIndexOf(p.declare()), v);
            } else {
                push(p.declare(), v);
            }
        }
        return v;
    }

    private Object command(Node.Command c, Object dot, Object piped) {
        if (c.function() == null) {
            return operand(c.args().getFirst(), dot);
        }
        List<Object> args = new ArrayList<>(c.args().size() + 1);
        for (Node.Expr e : c.args()) {
            args.add(operand(e, dot));
        }
        if (piped != NONE) {
            args.add(piped);
        }
        step();
        Object v = Functions.call(c.function(), args, this);
        if (v instanceof String s) {
            value(s.length(), c.function());
        }
        return v;
    }

    private Object operand(Node.Expr e, Object dot) {
        return switch (e) {
            case Node.Expr.Dot d -> fields(dot, d.fields());
            case Node.Expr.Var v -> fields(values.get(names.lastIndexOf(v.name())), v.fields());
            case Node.Expr.Literal l -> l.value();
            case Node.Expr.Sub s -> fields(pipeline(s.pipeline(), dot), s.fields());
        };
    }

    private static Object fields(Object v, List<String> chain) {
        for (String f : chain) {
            v = Functions.field(v, f);
        }
        return v;
    }

    private void push(String name, Object value) {
        names.add(name);
        values.add(value);
    }

    private void pop(int mark) {
        if (mark == names.size()) {
            return;
        }
        names.subList(mark, names.size()).clear();
        values.subList(mark, values.size()).clear();
    }

    private void write(String s) {
        if ((long) out.length() + s.length() > TemplateLimits.MAX_OUTPUT_CHARS) {
            throw new TemplateLimitException("MAX_OUTPUT_CHARS", TemplateLimits.MAX_OUTPUT_CHARS,
                    "the output would be longer than " + TemplateLimits.MAX_OUTPUT_CHARS + " characters");
        }
        out.append(s);
    }

    private void step() {
        if (++steps > TemplateLimits.MAX_STEPS) {
            throw new TemplateLimitException("MAX_STEPS", TemplateLimits.MAX_STEPS,
                    "the render took more than " + TemplateLimits.MAX_STEPS + " steps");
        }
    }

    /** Refuses a string value of {@code length} characters built by {@code function} when it is over the limit. */
    static void value(long length, String function) {
        if (length > TemplateLimits.MAX_VALUE_CHARS) {
            throw new TemplateLimitException("MAX_VALUE_CHARS", TemplateLimits.MAX_VALUE_CHARS,
                    function + " would build a string longer than " + TemplateLimits.MAX_VALUE_CHARS + " characters");
        }
    }

    /** Counts characters a regular expression reads, across the render. */
    void regex(int chars) {
        regexChars += chars;
        if (regexChars > TemplateLimits.MAX_REGEX_STEPS) {
            throw new TemplateLimitException("MAX_REGEX_STEPS", TemplateLimits.MAX_REGEX_STEPS,
                    "regular expressions read more than " + TemplateLimits.MAX_REGEX_STEPS + " characters in one render");
        }
    }
}
