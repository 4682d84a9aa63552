package io.quantsinfra.core.template;

/**
 * Text that {@code safeHtml} marked as HTML the config author vouches for: an HTML render writes it without
 * escaping, as Alertmanager's {@code safeHtml} does. Everywhere else it is its text.
 */
record SafeHtml(String html) {
    @Override
    public String toString() {
        return html;
    }
}
