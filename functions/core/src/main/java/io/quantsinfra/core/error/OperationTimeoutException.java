package io.quantsinfra.core.error;

/** An operation (typically waiting for a rollout) took longer than allowed. */
public final class OperationTimeoutException extends QuantsInfraException {
    public OperationTimeoutException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.TIMEOUT;
    }
}
