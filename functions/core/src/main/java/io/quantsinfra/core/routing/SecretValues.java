package io.quantsinfra.core.routing;

import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.core.secret.SecretValue;

/**
 * Port: reads the value a secret reference names, at send time. The Secrets Manager adapter reads under the
 * configured name prefix; values are never logged or returned through the API.
 */
public interface SecretValues {
    /** The value (the JSON key's when the reference has one); NotFoundException when missing. */
    SecretValue value(SecretRef ref);

    /** The text of a credential: its literal, or the value of its reference. */
    default String text(Credential c) {
        return c.isSecret() ? value(c.ref()).reveal() : c.literal();
    }
}
