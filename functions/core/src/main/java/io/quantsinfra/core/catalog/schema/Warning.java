package io.quantsinfra.core.catalog.schema;

/**
 * Something in a config the user should know that is not an error: a key passed through unchecked, a value
 * quants-infra overrides. Never carries a value from the document that could be a secret.
 *
 * {@snippet :
 * new Warning("strategy_path", "not checked by quants-infra, passed to Freqtrade as written");
 * }
 *
 * @param field JSON path, or {@code null} for the whole document
 */
public record Warning(String field, String message) {
    @Override
    public String toString() {
        return field == null || field.isEmpty() ? message : field + ": " + message;
    }
}
