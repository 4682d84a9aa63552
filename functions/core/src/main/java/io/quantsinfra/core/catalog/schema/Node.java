package io.quantsinfra.core.catalog.schema;

/**
 * One node of a config schema. {@link #check} validates a raw value (never {@code null}: absent and
 * {@code null} values are handled by the enclosing {@link ObjectNode}) and returns its normalized form,
 * or {@code null} when the value means "not set" (an empty optional secret).
 *
 * {@snippet :
 * Object interval = Schema.integer(1, 86_400).check(5, Path.ROOT.key("interval")); // 5
 * }
 */
public interface Node {

    /** The normalized value, or {@code null} for "not set"; InvalidInputException naming {@code path} otherwise. */
    Object check(Object raw, Path path);

    /** What the node accepts, for messages and docs: {@code an integer from 1 to 86400}. */
    String expected();

    /**
     * Adds to {@code out} what the user should know about {@code raw} that is not an error (keys passed
     * through unchecked). Walks the raw document; never fails, whatever its shape.
     */
    default void review(Object raw, Path path, java.util.List<Warning> out) {}

    /** The usual "expected X, got Y" refusal; the value is shown only when it does not look like a secret. */
    default RuntimeException wrongType(Object raw, Path path) {
        return path.invalid("expected " + expected() + ", got " + Values.kind(raw) + Values.suffix(raw));
    }
}
