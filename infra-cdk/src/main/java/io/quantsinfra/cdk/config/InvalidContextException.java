package io.quantsinfra.cdk.config;

import io.quantsinfra.cdk.QuantsInfraCdkException;

/** A context value is malformed or inconsistent with another; the message names the key and the reason. */
public final class InvalidContextException extends QuantsInfraCdkException {
    private final String key;

    public InvalidContextException(String key, String reason) {
        super("cdk.json context '" + key + "': " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
