package io.quantsinfra.core.error;

/** Input that can never succeed as given; {@code field} is the JSON path of the offending value, when there is one. */
public sealed class InvalidInputException extends QuantsInfraException permits LiteralSecretException {
    private final String field;

    public InvalidInputException(String message) {
        this(null, message);
    }

    public InvalidInputException(String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
    }

    /** JSON path of the offending value, or {@code null}. */
    public String field() {
        return field;
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
