package io.quantsinfra.core.notify;

import io.quantsinfra.core.template.GoTemplate;
import io.quantsinfra.core.template.TemplateException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Renders integration message templates over a notification; compiled templates are cached by their text. */
public final class Templates {
    private static final Map<String, GoTemplate> CACHE = new ConcurrentHashMap<>();

    private Templates() {}

    /** The rendered text; a template that fails to render gives its error, so the notification still goes out. */
    public static String render(String template, Notification n) {
        if (template == null) {
            return "";
        }
        try {
            GoTemplate t = CACHE.computeIfAbsent(template, s -> GoTemplate.compile(s, Set.of()));
            return t.render(n.templateData(), Map.of());
        } catch (TemplateException e) {
            return "<template error: " + e.getMessage() + ">";
        }
    }
}
