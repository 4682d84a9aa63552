package io.quantsinfra.core.error;

/**
 * A literal value where a service's schema wants a secret reference. Its own type, so that
 * {@code deploy --store-secrets} can tell exactly these apart from every other invalid value.
 */
public final class LiteralSecretException extends InvalidInputException {
    public LiteralSecretException(String field, String message) {
        super(field, message);
    }
}
