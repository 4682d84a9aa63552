package io.quantsinfra.core.catalog.schema;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Factories for schema nodes.
 *
 * {@snippet :
 * ObjectNode schema = Schema.object()
 *         .required("strategy", Schema.string().matching("[A-Za-z_][A-Za-z0-9_]*", "a strategy class name"))
 *         .defaulted("dry_run", Schema.bool(), true)
 *         .optional("exchange_key", Schema.secret());
 * }
 */
public final class Schema {
    private Schema() {}

    /** An object with no keys yet. */
    public static ObjectNode object() {
        return new ObjectNode(List.of(), false, null);
    }

    /** Any string of up to 4096 characters. */
    public static StringNode string() {
        return new StringNode(null, null, 4096, List.of());
    }

    /** One of the given strings. */
    public static StringNode oneOf(String... values) {
        return string().oneOf(values);
    }

    /** An integer in {@code [min, max]}. */
    public static IntNode integer(int min, int max) {
        return new IntNode(min, max);
    }

    /** A number in {@code [min, max]}. */
    public static NumberNode number(double min, double max) {
        return new NumberNode(min, false, max);
    }

    /** A number greater than 0. */
    public static NumberNode positive() {
        return new NumberNode(0, true, Double.MAX_VALUE);
    }

    /** A boolean. */
    public static BoolNode bool() {
        return new BoolNode();
    }

    /** A list of {@code min} to {@code max} elements. */
    public static ListNode list(Node element, int min, int max) {
        return new ListNode(element, min, max, false);
    }

    /** An object with keys matching {@code keyRegex} and values satisfying {@code value}. */
    public static MapNode map(String keyRegex, String keyHint, Node value, int maxEntries) {
        return new MapNode(Pattern.compile(keyRegex), keyHint, value, maxEntries);
    }

    /** A free-form object passed through as it is. */
    public static FreeFormNode freeObject() {
        return new FreeFormNode(FreeFormNode.Shape.OBJECT);
    }

    /** A free-form list passed through as it is. */
    public static FreeFormNode freeList() {
        return new FreeFormNode(FreeFormNode.Shape.LIST);
    }

    /** A secret: a reference only, never a literal. */
    public static SecretNode secret() {
        return new SecretNode(Set.of());
    }

    /** A URL that is a secret when it carries a credential (webhook URLs, database URLs). */
    public static SecretNode secretUnlessPlainUrl(String... schemes) {
        return new SecretNode(Set.of(schemes));
    }

    /** A number checked by {@code ifNumber} or a string checked by {@code ifString}. */
    public static EitherNode numberOrString(Node ifNumber, Node ifString, String expected) {
        return new EitherNode(ifNumber, ifString, expected);
    }
}
