package io.quantsinfra.api.wiring;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The API's Micronaut configuration ({@value #FILE}), added to every application context built in this module's
 * class path (Lambda, local mode, tests) where Micronaut would have put {@code application.properties}: same name,
 * same precedence (below environment variables and system properties).
 *
 * <p>Why not {@code application.properties}: Micronaut reads that file through a zip file system opened over the
 * whole jar, which indexes its ~16,000 entries at every cold start (docs/benchmarks.md, section (j)); a class path
 * resource read here costs one entry.
 *
 * {@snippet :
 * ApplicationContext context = ApplicationContext.builder().start(); // holds micronaut.application.name=quants-infra-api
 * }
 */
@ContextConfigurer
public final class ApiProperties implements ApplicationContextConfigurer {
    /** The class path resource holding the properties. */
    public static final String FILE = "quants-infra-api.properties";

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(PropertySource.of("application", read(), AbstractPropertySourceLoader.DEFAULT_POSITION));
    }

    /** The file's properties; a build without the file is broken, so its absence is an error. */
    static Map<String, Object> read() {
        Properties properties = new Properties();
        try (InputStream in = ApiProperties.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + FILE, e);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        properties.forEach((key, value) -> map.put((String) key, value));
        return map;
    }
}
