package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quantsinfra.cli.CliException;
import java.io.IOException;

/** Writes a document back as YAML, for {@code alerts rules get} and {@code alerts config get}. */
final class Yaml {
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

    private Yaml() {}

    static String write(JsonNode doc) {
        try {
            return YAML.writeValueAsString(doc);
        } catch (IOException e) {
            throw new CliException(CliException.FAILED, "cannot write YAML: " + e.getMessage());
        }
    }
}
