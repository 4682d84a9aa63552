package io.quantsinfra.core.catalog.schema;

/**
 * An integer in {@code [min, max]}. Any integral number is accepted ({@code 5}, {@code 5L}, {@code 5.0});
 * {@code 5.5} and the string {@code "5"} are refused. Normalized to {@code Integer}.
 */
public record IntNode(int min, int max) implements Node {

    @Override
    public Object check(Object raw, Path path) {
        if (!(raw instanceof Number)) {
            throw wrongType(raw, path);
        }
        Long v = Values.integral(raw);
        if (v == null) {
            throw path.invalid("expected " + expected() + ", got " + raw + " (not a whole number)");
        }
        if (v < min || v > max) {
            throw path.invalid("must be " + range() + ", got " + v);
        }
        return v.intValue();
    }

    private String range() {
        if (max == Integer.MAX_VALUE) {
            return "at least " + min;
        }
        return "from " + min + " to " + max;
    }

    @Override
    public String expected() {
        return "an integer " + range();
    }
}
