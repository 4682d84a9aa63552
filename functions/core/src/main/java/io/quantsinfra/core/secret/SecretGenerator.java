package io.quantsinfra.core.secret;

import io.quantsinfra.core.error.InvalidInputException;
import java.security.SecureRandom;

/** Random plain-string values for secrets quants-infra generates (no look-alike characters). */
final class SecretGenerator {
    static final int MIN = 16;
    static final int MAX = 4096;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private final SecureRandom random = new SecureRandom();

    /** A value of {@code length} characters (16..4096, default {@code SecretService.DEFAULT_LENGTH}). */
    SecretValue generate(Integer length) {
        int n = length == null ? SecretService.DEFAULT_LENGTH : length;
        if (n < MIN || n > MAX) {
            throw new InvalidInputException("length", "generated secrets are " + MIN + " to " + MAX + " characters, got " + n);
        }
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return SecretValue.of(b.toString());
    }
}
