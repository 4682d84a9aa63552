package io.quantsinfra.core.catalog.schema;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.json.Json;
import java.util.regex.Pattern;

/**
 * A JSON path into a config document, as named in error messages: {@code exchange.pair_whitelist[2]},
 * {@code minimal_roi["40"]}. The root is the empty path.
 *
 * {@snippet :
 * Path p = Path.ROOT.key("exchange").key("pair_whitelist").index(2); // exchange.pair_whitelist[2]
 * }
 */
public record Path(String text) {
    /** The document itself. */
    public static final Path ROOT = new Path("");

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]{0,63}");

    /** The path of member {@code key}; keys that are not plain names are written {@code ["key"]}. */
    public Path key(String key) {
        if (PLAIN.matcher(key).matches()) {
            return new Path(text.isEmpty() ? key : text + "." + key);
        }
        String shown = key.length() > 64 ? key.substring(0, 64) + "…" : key;
        return new Path(text + "[" + Json.quote(shown) + "]");
    }

    /** The path of list element {@code index}. */
    public Path index(int index) {
        return new Path(text + "[" + index + "]");
    }

    /** A literal where a secret reference belongs (at a secret key of the schema). */
    public io.quantsinfra.core.error.LiteralSecretException literalSecret(String message) {
        return new io.quantsinfra.core.error.LiteralSecretException(text.isEmpty() ? null : text, message);
    }

    /** An exception for this path; the root path gives an exception without a field. */
    public InvalidInputException invalid(String message) {
        return new InvalidInputException(text.isEmpty() ? null : text, message);
    }

    @Override
    public String toString() {
        return text;
    }
}
