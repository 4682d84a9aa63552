package io.quantsinfra.core.secret;

import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * Secret names as Secrets Manager accepts them, checked before any call: 1..512 characters (with the
 * prefix) from {@code A-Z a-z 0-9 / _ + = . @ -}, no empty path segments. (Secrets Manager advises against
 * names ending in a hyphen and six characters; quants-infra always references secrets by full ARN, so such
 * names are allowed.)
 */
public final class SecretNames {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9/_+=.@-]+");

    private SecretNames() {}

    /** {@code name} if valid for a store with {@code prefix}; InvalidInputException naming the rule otherwise. */
    public static String check(String name, String prefix) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "a secret name is required");
        }
        String shown = InstanceId.printable(name);
        if (!ALLOWED.matcher(name).matches()) {
            throw new InvalidInputException("name", "'" + shown + "' is not a valid secret name: use only A-Z a-z 0-9 / _ + = . @ -");
        }
        if (name.length() + prefix.length() > 512) {
            throw new InvalidInputException("name", "secret names are at most " + (512 - prefix.length())
                    + " characters here (512 with the prefix '" + prefix + "')");
        }
        if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            throw new InvalidInputException("name", "'" + shown + "' has an empty path segment");
        }
        return name;
    }

    /** Checks a value before it is stored: non-empty text, at most 64 KiB, no binary control characters. */
    public static SecretValue checkValue(SecretValue value) {
        String v = value.reveal();
        if (v.isEmpty()) {
            throw new InvalidInputException("value", "a secret value must not be empty");
        }
        if (v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > SecretValue.MAX_BYTES) {
            throw new InvalidInputException("value", "a secret value is at most 65536 bytes");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f || c == '\uFFFD') {
                throw new InvalidInputException("value", "a secret value must be text (UTF-8 without control characters); "
                        + "this one looks binary");
            }
        }
        return value;
    }
}
