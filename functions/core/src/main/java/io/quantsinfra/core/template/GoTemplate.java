package io.quantsinfra.core.template;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled Go template. Compile once (it throws {@link TemplateException} when the text is outside the
 * supported subset or over a compile-time {@link TemplateLimits limit}), render many times with a data map (Go's
 * dot, e.g. {@code {"Labels": {...}, "Value": 0.93}}) and the values of {@code $variables}. A render either
 * returns its text or throws {@link TemplateException}; nothing else escapes it.
 *
 * {@snippet :
 * GoTemplate t = GoTemplate.compile("{{ $labels.service }} at {{ $value | humanizePercentage }}", Set.of("labels", "value"));
 * String s = t.render(Map.of(), Map.of("labels", Map.of("service", "freqtrade-1"), "value", 0.934));
 * // "freqtrade-1 at 93.4%"
 * }
 */
public final class GoTemplate {
    private final String source;
    private final Parser.Parsed parsed;

    private GoTemplate(String source, Parser.Parsed parsed) {
        this.source = source;
        this.parsed = parsed;
    }

    /** Compiles {@code text}; {@code variables} are the names (without $) it may use besides {@code $}. */
    public static GoTemplate compile(String text, Set<String> variables) {
        try {
            return new GoTemplate(text, Parser.parse(text, variables));
        } catch (TemplateException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new TemplateException("the template does not compile (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Renders with {@code dot} as Go's {@code .} and {@code variables} as {@code $name}. */
    public String render(Map<String, ?> dot, Map<String, ?> variables) {
        return run(dot, variables, false);
    }

    /**
     * Renders for an HTML document: every value an action prints is HTML-escaped (as Go's html/template does in
     * text context) unless {@code safeHtml} marked it; the template's own text is written as it stands.
     */
    public String renderHtml(Map<String, ?> dot, Map<String, ?> variables) {
        return run(dot, variables, true);
    }

    private String run(Map<String, ?> dot, Map<String, ?> variables, boolean html) {
        try {
            return new Exec(parsed.defines(), html).run(parsed.root(), dot, variables);
        } catch (TemplateException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // The message of an arbitrary exception may quote the data; only its kind is reported.
            throw new TemplateException("cannot render (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The Go-template text it was compiled from. */
    public String source() {
        return source;
    }

    /** The names of the templates it {@code define}s. */
    public List<String> defined() {
        return parsed.defines().keySet().stream().sorted().toList();
    }
}
