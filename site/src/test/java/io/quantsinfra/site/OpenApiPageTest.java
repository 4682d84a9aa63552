package io.quantsinfra.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The API reference page of the built site is the OpenAPI document the API generates from its controllers: every
 * operation of the document (read from the API's classes, where the compiler wrote it) has its section on the page.
 */
class OpenApiPageTest {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    @Test
    @SuppressWarnings("unchecked")
    void apiReferencePage_hasASectionForEveryOperationOfTheGeneratedDocument() throws Exception {
        Map<String, Object> doc;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/openapi/quants-infra.yml")) {
            assertNotNull(in, "functions/api did not generate META-INF/openapi/quants-infra.yml");
            doc = new Yaml().load(in);
        }
        String page = Files.readString(SiteBuild.dist().resolve("reference/openapi.html"));
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (var path : ((Map<String, Map<String, Object>>) doc.get("paths")).entrySet()) {
            for (String method : METHODS) {
                Map<String, Object> op = (Map<String, Object>) path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                operations++;
                String anchor = "id=\"op-" + String.valueOf(op.get("operationId")).replaceAll("[^A-Za-z0-9]+", "-").toLowerCase() + "\"";
                if (!page.contains(anchor) || !page.contains(method.toUpperCase() + " " + path.getKey())) {
                    missing.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        System.out.printf("openapi page: %d operations of the generated document, %d missing%n", operations, missing.size());
        assertTrue(operations > 20, "the document lists the API's operations: " + operations);
        assertEquals(List.of(), missing);
    }
}
