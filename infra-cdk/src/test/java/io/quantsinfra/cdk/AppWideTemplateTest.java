package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.cdk.shared.SharedNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Facts that hold across every stack: one per test. */
class AppWideTemplateTest {
    private final SynthesizedApp app = SynthesizedApp.standard();

    @Test
    void appSynthesizesSevenStacks() {
        assertEquals(List.of("Network", "Data", "Instances", "Site", "ControlPlane", "Observability", "Console"),
                app.stackIds().stream().sorted(java.util.Comparator.comparing(List.of("Network", "Data", "Instances", "Site",
                        "ControlPlane", "Observability", "Console")::indexOf)).toList());
    }

    @Test
    void everyLogGroup_hasARetention() {
        TemplateWalk.resources(app, "AWS::Logs::LogGroup").forEach(g ->
                assertTrue(g.properties().get("RetentionInDays") instanceof Number, g.toString()));
    }

    @Test
    void everyTaggedResource_carriesTheProjectAndManagedByTags() {
        String key = SharedNames.managedTag().getKey();
        TemplateWalk.resources(app).stream().filter(r -> r.properties().containsKey("Tags")).forEach(r -> {
            Map<String, String> tags = tags(r.properties().get("Tags"));
            assertEquals("quants-infra", tags.get("project"), r.toString());
            assertEquals(SharedNames.managedTag().getValue(), tags.get(key), r.toString());
            assertEquals("prod", tags.get("environment"), r.toString());
        });
    }

    @Test
    void stacks_areNamedAfterTheEnvironment() {
        app.artifacts().forEach(a -> assertTrue(a.getStackName().startsWith("QuantsInfra-prod-"), a.getStackName()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> tags(Object tags) {
        if (tags instanceof Map<?, ?> m) {
            return (Map<String, String>) m;
        }
        Map<String, String> out = new java.util.HashMap<>();
        ((List<Map<String, Object>>) tags).forEach(t -> out.put(String.valueOf(t.get("Key")), String.valueOf(t.get("Value"))));
        return out;
    }
}
