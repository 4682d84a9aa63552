package io.quantsinfra.core.catalog.schema;

/** {@code true} or {@code false}; the strings {@code "true"} and {@code "yes"} are refused. */
public record BoolNode() implements Node {

    @Override
    public Object check(Object raw, Path path) {
        if (!(raw instanceof Boolean)) {
            throw wrongType(raw, path);
        }
        return raw;
    }

    @Override
    public String expected() {
        return "a boolean (true or false)";
    }
}
