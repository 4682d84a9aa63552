package io.quantsinfra.core.error;

/** A service, instance, file or AWS resource that was named does not exist. */
public final class NotFoundException extends QuantsInfraException {
    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.NOT_FOUND;
    }
}
