package io.quantsinfra.core.catalog.schema;

import io.quantsinfra.core.error.InvalidInputException;

/**
 * A value that may be a number or a string, each with its own rule: Freqtrade's {@code stake_amount} is a
 * positive number or {@code "unlimited"}.
 */
public record EitherNode(Node ifNumber, Node ifString, String expected) implements Node {

    @Override
    public Object check(Object raw, Path path) {
        if (raw instanceof Number) {
            return ifNumber.check(raw, path);
        }
        if (raw instanceof String s) {
            try {
                return ifString.check(s, path);
            } catch (InvalidInputException e) {
                throw path.invalid("expected " + expected + ", got " + Values.show(s));
            }
        }
        throw wrongType(raw, path);
    }
}
