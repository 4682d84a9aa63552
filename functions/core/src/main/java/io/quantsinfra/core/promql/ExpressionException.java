package io.quantsinfra.core.promql;

/** An expression that does not parse or is outside the supported subset; the message says where and why. */
public final class ExpressionException extends IllegalArgumentException {
    private final int position;

    ExpressionException(int position, String message) {
        super(message);
        this.position = position;
    }

    /** 0-based character offset in the expression where the problem starts. */
    public int position() {
        return position;
    }
}
