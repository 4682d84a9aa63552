package io.quantsinfra.core.job;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Job ids: 10 base32 characters of the publish time in milliseconds, then 16 random ones (80 bits), lowercase
 * Crockford alphabet, so ids sort by publish time and never collide in practice (ULID's layout).
 */
final class JobIds {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private JobIds() {}

    static String next(Instant now) {
        char[] out = new char[26];
        long t = now.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (t & 31)];
            t >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(32)];
        }
        return new String(out);
    }
}
