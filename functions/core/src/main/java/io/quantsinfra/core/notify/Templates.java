package io.quantsinfra.core.notify;

import io.quantsinfra.core.routing.DefaultTemplates;
import io.quantsinfra.core.template.GoTemplate;
import io.quantsinfra.core.template.TemplateException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Renders integration message templates over a notification; compiled templates are cached by their text.
 *
 * <p>A custom template that fails to render (a runtime limit such as {@code MAX_OUTPUT_CHARS}, a bad value) never
 * stops the notification: the field falls back to its built-in default, which is rendered instead, and — for text
 * fields — the message starts with a line saying that the custom template failed and why. The failure is also
 * reported (receiver, field, reason; never the data) to the reporter bound by {@link #reportingFailures}, which
 * puts it in the evaluation cycle's notices and log.
 *
 * {@snippet :
 * String subject = Templates.render(Templates.Field.of("subject", DefaultTemplates.TITLE), e.subject(), n);
 * }
 */
public final class Templates {
    /** More distinct template texts than any set of configs holds: past it the cache starts over. */
    private static final int CACHE_LIMIT = 1000;
    private static final Map<String, GoTemplate> CACHE = new ConcurrentHashMap<>();
    private static final ScopedValue<Consumer<String>> FAILURES = ScopedValue.newInstance();

    /** The field used by {@link #render(String, Notification)}: a message, falling back to title and alerts. */
    public static final Field MESSAGE = new Field("message", DefaultTemplates.TELEGRAM, true);

    private Templates() {}

    /**
     * What a template is for: {@code name} for messages ({@code subject}, {@code text} ...), the built-in
     * {@code fallback} used when it fails, and whether the output says so ({@code note}; not for values such as a
     * colour or a severity, which must stay one word).
     */
    public record Field(String name, String fallback, boolean note) {
        /** A text field that notes a failure in its output. */
        public static Field of(String name, String fallback) {
            return new Field(name, fallback, true);
        }
    }

    /** The rendered text of a message template; on failure, the note and the default title and alerts. */
    public static String render(String template, Notification n) {
        return render(MESSAGE, template, n);
    }

    /** The rendered text of {@code template} for {@code field}; on failure, the field's fallback. */
    public static String render(Field field, String template, Notification n) {
        return render(field, template, n, false);
    }

    /**
     * The rendered HTML of {@code template}: values are HTML-escaped, the template's own text is not. On failure,
     * the field's fallback rendered as escaped preformatted text.
     */
    public static String renderHtml(Field field, String template, Notification n) {
        return render(field, template, n, true);
    }

    /** Runs {@code body} with template failures reported to {@code reporter} (on this thread). */
    public static <T> T reportingFailures(Consumer<String> reporter, Supplier<T> body) {
        return ScopedValue.where(FAILURES, reporter).call(body::get);
    }

    /**
     * {@code body} bound to the reporter bound here, for running on another thread (a scoped value is not inherited
     * by a plain thread; deliveries run on virtual threads of their own).
     */
    public static <T> Supplier<T> carryingReporter(Supplier<T> body) {
        if (!FAILURES.isBound()) {
            return body;
        }
        Consumer<String> reporter = FAILURES.get();
        return () -> ScopedValue.where(FAILURES, reporter).call(body::get);
    }

    private static String render(Field field, String template, Notification n, boolean html) {
        if (template == null) {
            return "";
        }
        try {
            GoTemplate t = compiled(template);
            return html ? t.renderHtml(n.templateData(), Map.of()) : t.render(n.templateData(), Map.of());
        } catch (TemplateException e) {
            String reason = e.getMessage();
            if (FAILURES.isBound()) {
                FAILURES.get().accept("receiver " + n.receiver() + ": the custom " + field.name()
                        + " template failed, the default was used: " + reason);
            }
            return fallback(field, template, n, html, reason);
        }
    }

    private static String fallback(Field field, String template, Notification n, boolean html, String reason) {
        if (field.fallback() == null || field.fallback().equals(template)) {
            return field.note() ? "<template error: " + reason + ">" : "";
        }
        String text;
        try {
            text = compiled(field.fallback()).render(n.templateData(), Map.of());
        } catch (TemplateException e) {
            text = "<template error: " + e.getMessage() + ">";
        }
        if (!field.note()) {
            return text;
        }
        String note = "(the custom " + field.name() + " template failed: " + reason + "; this is the default)";
        if (html) {
            return "<p>" + escape(note) + "</p>\n<pre>" + escape(text) + "</pre>";
        }
        return field.name().equals("subject") || field.name().equals("title") ? "[template failed] " + text
                : note + "\n" + text;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;").replace("'", "&#39;");
    }

    private static GoTemplate compiled(String template) {
        if (CACHE.size() > CACHE_LIMIT) {
            CACHE.clear();
        }
        return CACHE.computeIfAbsent(template, s -> GoTemplate.compile(s, Set.of()));
    }
}
