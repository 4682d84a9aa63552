package io.quantsinfra.core.secret;

import java.util.List;

/** Port: reads the shape of a secret value without exposing it (JSON parsing lives at the edge). */
public interface SecretFormat {
    /**
     * The keys of a JSON-object value (empty for a plain string); InvalidInputException, without the
     * value, when it starts like JSON but is not a JSON object of string, number or boolean values.
     */
    List<String> jsonKeys(SecretValue value);

    /** The value of {@code key} in a JSON-object secret, as text; NotFoundException when it has no such key. */
    SecretValue field(SecretValue value, String key);
}
