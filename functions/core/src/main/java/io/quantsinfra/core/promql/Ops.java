package io.quantsinfra.core.promql;

import io.quantsinfra.core.promql.Expr.BinOp;

/** Binary operators on two numbers, with Go's {@code math} special cases where Java's differ. */
final class Ops {
    private Ops() {}

    /** The operator's value; for a comparison, the left operand (which the filter keeps). */
    static double apply(BinOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MOD -> a % b;
            case POW -> pow(a, b);
            case ATAN2 -> Math.atan2(a, b);
            case EQ, NE, GT, LT, GE, LE -> a;
            default -> throw new IllegalStateException(op.toString());
        };
    }

    /** Go's math.Pow: {@code 1^y} and {@code (-1)^±Inf} are 1, where Java gives NaN. */
    static double pow(double a, double b) {
        if (a == 1 || a == -1 && Double.isInfinite(b)) {
            return 1;
        }
        return Math.pow(a, b);
    }
}
