package io.quantsinfra.core.template;

import java.util.List;

/**
 * The parsed template: text, actions and blocks. Text is only ever written out as it stands; values only ever
 * come from evaluating {@link Expr}s, so nothing in the data can become template syntax.
 */
sealed interface Node {
    /** Literal text of the template. */
    record Text(String text) implements Node {}

    /** {@code {{ pipeline }}}: prints the value, or (with a declaration) sets a variable and prints nothing. */
    record Action(Pipeline pipeline) implements Node {}

    /** {@code {{if}} ... {{else if}} ... {{else}} ... {{end}}}. */
    record If(List<Branch> branches, List<Node> otherwise) implements Node {}

    /** One {@code if} or {@code else if} condition and the nodes it guards. */
    record Branch(Pipeline condition, List<Node> body) {}

    /** {@code {{range [$k,] [$v :=] pipeline}} ... {{else}} ... {{end}}}; {@code key} and {@code value} may be null. */
    record Range(Pipeline pipeline, String key, String value, List<Node> body, List<Node> otherwise) implements Node {}

    /** {@code {{with pipeline}} ... {{else}} ... {{end}}}. */
    record With(Pipeline pipeline, List<Node> body, List<Node> otherwise) implements Node {}

    /** {@code {{template "name" pipeline}}}; {@code pipeline} may be null (dot is then nil, as in Go). */
    record Call(String name, Pipeline pipeline) implements Node {}

    /**
     * A pipeline: commands joined by {@code |}, each one's value passed as the last argument of the next.
     * {@code declare} names the variable it sets ({@code :=} when {@code assign} is false, {@code =} when true).
     */
    record Pipeline(String declare, boolean assign, List<Command> commands) {}

    /** A function call ({@code function} non-null) or a single operand. */
    record Command(String function, List<Expr> args) {}

    /** An operand. */
    sealed interface Expr {
        /** {@code .} or {@code .A.B} on dot. */
        record Dot(List<String> fields) implements Expr {}

        /** {@code $} or {@code $name.A.B}. */
        record Var(String name, List<String> fields) implements Expr {}

        /** A string, number, boolean or nil literal. */
        record Literal(Object value) implements Expr {}

        /** {@code (pipeline).A.B}. */
        record Sub(Pipeline pipeline, List<String> fields) implements Expr {}
    }
}
