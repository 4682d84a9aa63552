package io.quantsinfra.core.routing;

import io.quantsinfra.core.secret.SecretRef;

/**
 * A value that is either written in the config ({@code literal}) or read from the secret store at send time
 * ({@code ref}). Prints as {@code <secret>} when it is a reference, so it never reaches a log.
 */
public record Credential(String literal, SecretRef ref) {
    public static Credential of(String literal) {
        return new Credential(literal, null);
    }

    public static Credential of(SecretRef ref) {
        return new Credential(null, ref);
    }

    public boolean isSecret() {
        return ref != null;
    }

    @Override
    public String toString() {
        return ref != null ? "<secret>" : literal;
    }
}
