package io.quantsinfra.core.template;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled Go template. Compile once (it throws {@link TemplateException} when the text is outside the
 * supported subset), render many times with a data map (Go's dot, e.g. {@code {"Labels": {...}, "Value": 0.93}})
 * and the values of {@code $variables}.
 *
 * {@snippet :
 * GoTemplate t = GoTemplate.compile("{{ $labels.service }} at {{ $value | humanizePercentage }}", Set.of("labels", "value"));
 * String s = t.render(Map.of(), Map.of("labels", Map.of("service", "freqtrade-1"), "value", 0.934));
 * // "freqtrade-1 at 93.4%"
 * }
 */
public final class GoTemplate {
    private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
            .loader(new StringLoader())
            .autoEscaping(false)
            .strictVariables(false)
            .newLineTrimming(false)
            .cacheActive(false)
            .maxRenderedSize(256 * 1024)
            .extension(new Functions())
            .build();

    private final String source;
    private final PebbleTemplate template;
    private final List<String> constants;

    private GoTemplate(String source, PebbleTemplate template, List<String> constants) {
        this.source = source;
        this.template = template;
        this.constants = constants;
    }

    /** Compiles {@code text}; {@code variables} are the names (without $) it may use besides {@code $}. */
    public static GoTemplate compile(String text, Set<String> variables) {
        Translator.Result r = Translator.translate(text, variables);
        try {
            return new GoTemplate(text, ENGINE.getTemplate(r.pebble()), r.constants());
        } catch (PebbleException e) {
            throw new TemplateException("the template does not compile: " + firstLine(e.getPebbleMessage()));
        }
    }

    /** Renders with {@code dot} as Go's {@code .} and {@code variables} as {@code $name}. */
    public String render(Map<String, ?> dot, Map<String, ?> variables) {
        Map<String, Object> context = new HashMap<>();
        context.put("v_root", dot);
        variables.forEach((k, v) -> context.put("v_" + k, v));
        for (int i = 0; i < constants.size(); i++) {
            context.put("c" + i, constants.get(i));
        }
        StringWriter w = new StringWriter();
        try {
            template.evaluate(w, context);
        } catch (TemplateException e) {
            throw e;
        } catch (PebbleException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof TemplateException)) {
                cause = cause.getCause();
            }
            throw cause instanceof TemplateException t ? t : new TemplateException("cannot render: " + firstLine(e.getPebbleMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new TemplateException("cannot render: " + firstLine(String.valueOf(e.getMessage())));
        }
        return w.toString();
    }

    /** The Go-template text it was compiled from. */
    public String source() {
        return source;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
