package io.quantsinfra.cdk;

/** The one unchecked exception base of the CDK app; subclasses are named after the failure. */
public class QuantsInfraCdkException extends RuntimeException {
    public QuantsInfraCdkException(String message) {
        super(message);
    }
}
