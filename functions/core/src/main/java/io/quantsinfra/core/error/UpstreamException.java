package io.quantsinfra.core.error;

/** AWS or a probed endpoint failed or could not be reached. The message says which and why. */
public final class UpstreamException extends QuantsInfraException {
    public UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }

    public UpstreamException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.UPSTREAM;
    }
}
