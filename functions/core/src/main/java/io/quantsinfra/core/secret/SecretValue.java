package io.quantsinfra.core.secret;

import java.util.Objects;

/**
 * A secret's value. {@link #toString()} is redacted, so a value that reaches a log line, an exception
 * message or a string concatenation shows as {@code <secret>}; only {@link #reveal()} gives the text.
 *
 * {@snippet :
 * SecretValue v = SecretValue.of("hunter2");
 * log.info("stored {}", v);   // stored <secret>
 * }
 */
public final class SecretValue {
    /** Secrets Manager's limit for a secret string, in bytes. */
    public static final int MAX_BYTES = 65_536;
    private final String value;

    private SecretValue(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static SecretValue of(String value) {
        return new SecretValue(value);
    }

    /** The text. Call it only where the value must leave the process: Secrets Manager, a reveal response. */
    public String reveal() {
        return value;
    }

    /** Whether the value looks like a JSON object (it starts with a brace). */
    public boolean looksLikeJsonObject() {
        return value.stripLeading().startsWith("{");
    }

    @Override
    public String toString() {
        return "<secret>";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretValue other && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8), other.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0;
    }
}
