package io.quantsinfra.core.template;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The inside of an action as Go's text/template reads it: a pipeline ({@code [$x := | $x =] command ('|' command)*}),
 * its commands (a supported function with arguments, or one operand) and operands (fields, variables, literals,
 * parenthesized pipelines). Variables are checked against the {@link Parser}'s scope, which a {@code :=} extends;
 * parentheses count toward {@link TemplateLimits#MAX_NESTING} together with the blocks open around the action.
 */
final class Pipelines {
    private final List<String> scope;
    private final IntSupplier openBlocks;

    Pipelines(List<String> scope, IntSupplier openBlocks) {
        this.scope = scope;
        this.openBlocks = openBlocks;
    }

    /** A pipeline: [$x := | $x =] command ('|' command)*. {@code depth} counts the parentheses around it. */
    Node.Pipeline pipeline(List<Tok> toks, int depth) {
        if (depth + openBlocks.getAsInt() > TemplateLimits.MAX_NESTING) {
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
