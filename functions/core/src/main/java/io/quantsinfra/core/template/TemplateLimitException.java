package io.quantsinfra.core.template;

/**
 * A template that reached one of the {@link TemplateLimits}: {@code limit} is the constant's name, e.g.
 * {@code MAX_OUTPUT_CHARS}, and the message names it too.
 */
public final class TemplateLimitException extends TemplateException {
    private final String limit;

    TemplateLimitException(String limit, long value, String what) {
        super(what + " (limit " + limit + " = " + value + ")");
        this.limit = limit;
    }

    /** The name of the limit reached, a constant of {@link TemplateLimits}. */
    public String limit() {
        return limit;
    }
}
