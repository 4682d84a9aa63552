package io.quantsinfra.core.document;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Size and nesting limits for a stored document (maps, lists, strings, numbers, booleans, null), measured with
 * DynamoDB's item-size rules: a string is its UTF-8 bytes, a number one byte per two significant digits plus
 * one, a boolean or null one byte, a map or list three bytes plus one per element plus its elements (a map's
 * keys count as UTF-8 bytes). The DynamoDB adapter checks the whole item again before it writes.
 *
 * {@snippet :
 * DocumentLimits.problem(document, "the rule file").ifPresent(p -> ...); // "the rule file is 512,000 bytes ..."
 * }
 */
public final class DocumentLimits {
    /**
     * The largest document, in bytes as DynamoDB counts them: 384 KiB, which leaves 16 KiB of DynamoDB's
     * 400 KB (409,600 bytes) item limit for the item's key, version, timestamps and author.
     */
    public static final int MAX_BYTES = 384 * 1024;

    /**
     * The deepest nesting of maps and lists. DynamoDB stores at most 32 levels and the document is itself one
     * attribute of the item; a rule file needs 5 levels and a routing tree two per route level.
     */
    public static final int MAX_DEPTH = 24;

    private DocumentLimits() {}

    /** What a document measures: bytes as stored, and nesting depth (a scalar is 0, {@code {}} is 1). */
    public record Size(long bytes, int depth) {}

    /**
     * The size of {@code document}; the walk stops descending below {@link #MAX_DEPTH} + 1 levels (the depth then
     * reads as that, the bytes as what was counted), so no input can make it recurse further.
     */
    public static Size measure(Object document) {
        long[] bytes = {0};
        int depth = walk(document, 0, bytes);
        return new Size(bytes[0], depth);
    }

    /** A sentence naming the limit {@code document} breaks, or empty; {@code what} names it ("the rule file"). */
    public static Optional<String> problem(Object document, String what) {
        Size s = measure(document);
        if (s.depth() > MAX_DEPTH) {
            return Optional.of(what + " nests maps and lists more than " + MAX_DEPTH + " levels deep; the limit is "
                    + MAX_DEPTH + " levels");
        }
        if (s.bytes() > MAX_BYTES) {
            return Optional.of(String.format("%s is %,d bytes as stored; the limit is %,d bytes (384 KiB, below DynamoDB's "
                    + "400 KB item limit): split it into several files or shorten it", what, s.bytes(), MAX_BYTES));
        }
        return Optional.empty();
    }

    private static int walk(Object v, int level, long[] bytes) {
        switch (v) {
            case null -> bytes[0] += 1;
            case String s -> bytes[0] += utf8(s);
            case Boolean b -> bytes[0] += 1;
            case Number n -> bytes[0] += numberBytes(n);
            case Map<?, ?> m -> {
                bytes[0] += 3 + m.size();
                return nested(level, () -> {
                    int deepest = level + 1;
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        bytes[0] += utf8(String.valueOf(e.getKey()));
                        deepest = Math.max(deepest, walk(e.getValue(), level + 1, bytes));
                    }
                    return deepest;
                });
            }
            case List<?> l -> {
                bytes[0] += 3 + l.size();
                return nested(level, () -> {
                    int deepest = level + 1;
                    for (Object x : l) {
                        deepest = Math.max(deepest, walk(x, level + 1, bytes));
                    }
                    return deepest;
                });
            }
            default -> bytes[0] += utf8(v.toString());
        }
        return level;
    }

    private static int nested(int level, java.util.function.IntSupplier descend) {
        return level + 1 > MAX_DEPTH ? level + 1 : descend.getAsInt();
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** DynamoDB: about one byte per two significant digits, plus one. */
    static long numberBytes(Number n) {
        String digits;
        try {
            digits = new BigDecimal(n.toString()).stripTrailingZeros().unscaledValue().abs().toString();
        } catch (NumberFormatException e) {
            digits = n.toString();
        }
        return (digits.length() + 1) / 2 + 1;
    }
}
