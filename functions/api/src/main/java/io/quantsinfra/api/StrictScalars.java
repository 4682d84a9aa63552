package io.quantsinfra.api;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Request bodies take JSON scalars as they are typed: a {@code Boolean} field only {@code true}/{@code false}, an
 * {@code Integer} field only a whole number in range, a {@code String} field only a string ({@code null} for each). Micronaut Serialization would otherwise coerce
 * ({@code "force": "yes"} became {@code false}, {@code "comment": false} became {@code "false"}), so a request the
 * OpenAPI document calls invalid was accepted as something else. A mistyped field is a 400 problem instead.
 */
public final class StrictScalars {
    private StrictScalars() {}

    /**
     * A boolean query parameter: {@code true}, {@code false} or absent. Micronaut's conversion reads anything but
     * a few true-words as false, so a typo silently meant "no".
     */
    public static Boolean flag(String raw, String name) {
        if (raw == null) {
            return null;
        }
        return switch (raw) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new io.quantsinfra.core.error.InvalidInputException(name, "expected true or false");
        };
    }

    /** {@code true} or {@code false}, nothing else. */
    @Singleton
    static final class Flag implements Deserializer<Boolean> {
        @Override
        public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
            Object v = decoder.decodeArbitrary();
            if (v instanceof Boolean b) {
                return b;
            }
            throw decoder.createDeserializationException("expected true or false", null);
        }
    }

    /** A JSON integer in int's range, not a boolean, string or fraction made into one. */
    @Singleton
    static final class WholeNumber implements Deserializer<Integer> {
        @Override
        public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
            Object v = decoder.decodeArbitrary();
            if (v instanceof Integer i) {
                return i;
            }
            if (v instanceof Long l && l == l.intValue()) {
                return l.intValue();
            }
            throw decoder.createDeserializationException("expected a whole number", null);
        }
    }

    /** A JSON string, not a number or a boolean made into one. */
    @Singleton
    static final class Text implements Deserializer<String> {
        @Override
        public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
            Object v = decoder.decodeArbitrary();
            if (v instanceof String s) {
                return s;
            }
            throw decoder.createDeserializationException("expected a string", null);
        }
    }
}
