package io.quantsinfra.core.rule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Files of the repository (docs/) and of the test resources, read as YAML documents. */
public final class RepoFiles {
    private RepoFiles() {}

    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("docs/rules"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (a directory with docs/rules) above "
                    + Path.of("").toAbsolutePath());
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> yaml(Path file) {
        try {
            return (Map<String, Object>) new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> resource(String name) {
        try (var in = RepoFiles.class.getResourceAsStream("/" + name)) {
            return (Map<String, Object>) new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) new Yaml().load(text);
    }
}
