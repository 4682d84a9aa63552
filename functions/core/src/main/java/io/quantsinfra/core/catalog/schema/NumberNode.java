package io.quantsinfra.core.catalog.schema;

/**
 * A number in a range; the lower bound may be exclusive ({@code greater than 0}). Whole values normalize to
 * {@code Long}, fractions to {@code Double} (see {@link Values#normalizeNumber}).
 */
public record NumberNode(double min, boolean minExclusive, double max) implements Node {

    @Override
    public Object check(Object raw, Path path) {
        if (!(raw instanceof Number n)) {
            throw wrongType(raw, path);
        }
        Object normalized = Values.normalizeNumber(n, path);
        double d = n.doubleValue();
        if (minExclusive ? d <= min : d < min) {
            throw path.invalid("must be " + lower() + ", got " + n);
        }
        if (d > max) {
            throw path.invalid("must be at most " + fmt(max) + ", got " + n);
        }
        return normalized;
    }

    private String lower() {
        return (minExclusive ? "greater than " : "at least ") + fmt(min);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    @Override
    public String expected() {
        String s = "a number " + lower();
        return max == Double.MAX_VALUE ? s : s + " and at most " + fmt(max);
    }
}
