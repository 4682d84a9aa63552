package io.quantsinfra.core.secret;

/**
 * A reference to a secret in the store, as written in service config:
 * {@code {"secretRef": "NAME", "jsonKey": "KEY"}}; {@code jsonKey} is {@code null} for plain-string secrets.
 */
public record SecretRef(String name, String jsonKey) {}
