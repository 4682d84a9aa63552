package io.quantsinfra.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quantsinfra.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a service config file, JSON or YAML (by extension: {@code .json}, {@code .yaml}/{@code .yml};
 * otherwise JSON first, then YAML), into a document. JSON may carry {@code //} and {@code /* *}{@code /}
 * comments and trailing commas, as Freqtrade's own parser accepts (its example configs use them). Errors name the file, line and column; they never
 * quote the file's content (it may hold a secret).
 */
public final class ConfigFiles {
    private static final long MAX_BYTES = 1 << 20;
    /** JSON as Freqtrade reads it (rapidjson with PM_COMMENTS | PM_TRAILING_COMMAS): comments and trailing commas. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ConfigFiles() {}

    /** The document in {@code file}; CliException (exit 3 missing, 2 malformed) otherwise. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) {
        byte[] bytes = bytes(file);
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new CliException(CliException.INVALID, "config file " + file + " is empty");
        }
        Object doc = parse(file, bytes);
        if (doc == null) {
            throw new CliException(CliException.INVALID, "config file " + file + " is empty");
        }
        if (!(doc instanceof Map<?, ?>)) {
            throw new CliException(CliException.INVALID, "config file " + file + " must hold an object (key: value pairs), not a "
                    + (doc instanceof java.util.List<?> ? "list" : "single value"));
        }
        return (Map<String, Object>) doc;
    }

    /** The file's bytes, refusing a directory and anything over {@link #MAX_BYTES} before reading it. */
    private static byte[] bytes(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new CliException(CliException.INVALID, "config file " + file + " is a directory");
            }
            if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
                throw new CliException(CliException.INVALID, "config file " + file + " is larger than 1 MiB");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException(CliException.NOT_FOUND, "config file not found: " + file);
        } catch (IOException e) {
            throw new CliException(CliException.NOT_FOUND, "cannot read config file " + file + ": " + e.getMessage());
        }
    }

    /**
     * JSON or YAML by the file's extension; a file with neither extension is tried as JSON, then as YAML (JSON's
     * error is the one reported).
     */
    private static Object parse(Path file, byte[] bytes) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        try {
            return (yaml ? YAML : JSON).readValue(bytes, Object.class);
        } catch (JsonProcessingException e) {
            if (!yaml && !name.endsWith(".json")) {
                try {
                    return YAML.readValue(bytes, Object.class);
                } catch (IOException e2) {
                    throw malformed(file, "JSON or YAML", e);
                }
            }
            throw malformed(file, yaml ? "YAML" : "JSON", e);
        } catch (IOException e) {
            throw new CliException(CliException.NOT_FOUND, "cannot read config file " + file + ": " + e.getMessage());
        }
    }

    private static CliException malformed(Path file, String format, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
        // Jackson quotes the offending token; cut the quote so a secret typed there is not echoed.
        reason = reason.replaceAll("'[^']*'", "'…'").replaceAll("\\(code \\d+\\)", "").trim();
        return new CliException(CliException.INVALID, "config file " + file + " is not valid " + format + where
                + (reason.isEmpty() ? "" : ": " + reason));
    }
}
