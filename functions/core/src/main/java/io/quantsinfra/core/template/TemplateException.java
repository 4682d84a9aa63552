package io.quantsinfra.core.template;

import io.quantsinfra.core.error.QuantsInfraException;

/**
 * A template that does not compile or cannot render. The message says what and where in the template text; it
 * never carries the data a render was given (label values may be anything), only the kind of a value.
 */
public sealed class TemplateException extends QuantsInfraException permits TemplateLimitException {
    public TemplateException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
