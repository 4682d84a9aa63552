package io.quantsinfra.cdk.constructs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantsinfra.cdk.QuantsInfraCdkException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API routes the ops console calls, read from the file its code builds every request from
 * ({@code site/.vitepress/theme/console/routes.json}), so the role that signs for it can invoke exactly those.
 *
 * {@snippet :
 * List<ConsoleRoutes.Route> routes = ConsoleRoutes.read(root.resolve(ConsoleRoutes.FILE));
 * }
 */
public final class ConsoleRoutes {
    /** Where the console's routes are, relative to the repository root. */
    public static final String FILE = "site/.vitepress/theme/console/routes.json";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._-]+|/\\{[A-Za-z]+\\})+");

    private ConsoleRoutes() {
    }

    /**
     * One route: {@code GET /v1/services/{service}/history}.
     *
     * @param method the HTTP method
     * @param path the path, {@code {name}} for a parameter
     */
    public record Route(String method, String path) {
        public Route {
            if (!METHODS.contains(method) || !PATH.matcher(path).matches()) {
                throw new QuantsInfraCdkException("a console route is METHOD /path/{param}, got " + method + " " + path);
            }
        }

        /** The path as an {@code execute-api} resource: each parameter is {@code *}. */
        public String resourcePath() {
            return path.replaceAll("\\{[A-Za-z]+\\}", "*");
        }
    }

    /** The routes of {@code file} ({@code {"routes": {"name": {"method": …, "path": …}}}}), in file order. */
    public static List<Route> read(Path file) {
        try {
            JsonNode routes = new ObjectMapper().readTree(file.toFile()).path("routes");
            List<Route> out = new ArrayList<>();
            routes.forEach(r -> out.add(new Route(r.path("method").asText(), r.path("path").asText())));
            if (out.isEmpty()) {
                throw new QuantsInfraCdkException(file + " lists no routes");
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new QuantsInfraCdkException("cannot read the console's routes from " + file + ": " + e.getMessage());
        }
    }
}
