package io.quantsinfra.core.error;

/** The request is valid but conflicts with current state or needs an explicit confirmation. */
public final class ConflictException extends QuantsInfraException {
    public ConflictException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.CONFLICT;
    }
}
