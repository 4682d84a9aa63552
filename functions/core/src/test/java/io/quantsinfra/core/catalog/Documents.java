package io.quantsinfra.core.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads config documents the way the CLI and API do: JSON with Jackson, YAML with SnakeYAML. */
public final class Documents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Documents() {}

    /** A JSON or YAML test resource (by extension) as a raw document. */
    public static Map<String, Object> resource(String path) {
        try (InputStream in = Documents.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return path.endsWith(".json") ? json(text) : yaml(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A YAML document. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    /** A JSON document. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(String text) {
        try {
            return JSON.readValue(text, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
