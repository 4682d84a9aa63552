package io.quantsinfra.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The console's routes ({@code site/.vitepress/theme/console/routes.json}, what the CDK lets a signed-in operator
 * invoke) are real operations of the API, as its generated OpenAPI document lists them, and the console's page
 * names each of them.
 */
class ConsoleRoutesTest {
    private static List<String[]> routes() throws Exception {
        JsonNode file = new ObjectMapper().readTree(SiteBuild.root().resolve("site/.vitepress/theme/console/routes.json").toFile());
        List<String[]> out = new ArrayList<>();
        file.path("routes").forEach(r -> out.add(new String[] {r.path("method").asText(), r.path("path").asText()}));
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyConsoleRoute_isAnOperationOfTheApi() throws Exception {
        Map<String, Map<String, Object>> paths;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/openapi/quants-infra.yml")) {
            paths = (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(in).get("paths");
        }
        List<String> unknown = new ArrayList<>();
        for (String[] r : routes()) {
            // Parameter names may differ ({service} here, {name} there): compare the paths' shapes.
            Map<String, Object> ops = paths.entrySet().stream().filter(e -> shape(e.getKey()).equals(shape(r[1])))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (ops == null || !ops.containsKey(r[0].toLowerCase(Locale.ROOT))) {
                unknown.add(r[0] + " " + r[1]);
            }
        }
        System.out.printf("console routes: %d, every one an API operation%n", routes().size());
        assertEquals(List.of(), unknown, "console routes the API does not have");
    }

    private static String shape(String path) {
        return path.replaceAll("\\{\\w+\\}", "{}");
    }

    @Test
    void consolePage_namesEveryRoute() throws Exception {
        String page = Files.readString(SiteBuild.root().resolve("docs/console.md"));
        List<String> missing = routes().stream().map(r -> r[1]).filter(p -> !page.contains(p)).distinct().toList();
        assertEquals(List.of(), missing, "docs/console.md lists the routes the console's role may invoke");
    }
}
