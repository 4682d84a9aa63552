package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.cdk.config.AppConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code cdk.json} and {@code docs/provisioning.md} agree with the defaults in {@link AppConfig}. */
class CdkJsonTest {

    @Test
    void cdkJson_listsEveryDefaultWithItsValue() {
        Map<String, Object> context = SynthesizedApp.cdkJsonContext();
        AppConfig.DEFAULTS.forEach((key, value) -> assertEquals(String.valueOf(value), String.valueOf(context.get(key)), key));
    }

    @Test
    void provisioningDoc_documentsEveryContextKey() throws IOException {
        String doc = Files.readString(QuantsInfraApp.repositoryRoot().resolve("docs/provisioning.md"));
        List<String> missing = new ArrayList<>();
        for (java.lang.reflect.Field f : AppConfig.class.getFields()) {
            if (f.getType() == String.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                try {
                    String key = (String) f.get(null);
                    if (!doc.contains("`" + key + "`")) {
                        missing.add(key);
                    }
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void defaultConfig_readsFromCdkJson() {
        AppConfig config = AppConfig.from(SynthesizedApp.cdkJsonContext()::get, QuantsInfraApp.repositoryRoot());
        assertEquals("rate(1 minute)", config.alertEvaluationRate());
        assertTrue(config.apiLambdaJar().endsWith("functions/api/target/quants-infra-api-lambda.jar"));
    }
}
