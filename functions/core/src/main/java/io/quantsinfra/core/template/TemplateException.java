package io.quantsinfra.core.template;

/** A template that does not compile or cannot render; the message says what and where. */
public final class TemplateException extends IllegalArgumentException {
    public TemplateException(String message) {
        super(message);
    }
}
