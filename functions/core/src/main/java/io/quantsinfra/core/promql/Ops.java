package io.quantsinfra.core.promql;

import io.quantsinfra.core.promql.Expr.BinOp;

/** Binary operators on two numbers, with Go's {@code math} special cases where Java's differ. */
public final class Ops {
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

    /**
     * Whether {@code op} keeps a sample with operands {@code a} and {@code b}: a comparison keeps it when it holds; any
     * other operator filters nothing and keeps it, as Prometheus does. The one place a comparison is decided, for the
     * PromQL evaluator and the threshold evaluation of alert rules alike.
     */
    public static boolean keeps(BinOp op, double a, double b) {
        return switch (op) {
            case EQ -> a == b;
            case NE -> a != b;
            case GT -> a > b;
            case LT -> a < b;
            case GE -> a >= b;
            case LE -> a <= b;
            default -> true;
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
