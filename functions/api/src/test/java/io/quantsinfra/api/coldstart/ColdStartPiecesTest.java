package io.quantsinfra.api.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.http.body.MessageBodyHandlerRegistry;
import io.micronaut.http.body.MessageBodyWriter;
import io.micronaut.http.simple.SimpleHttpHeaders;
import io.micronaut.json.body.JsonMessageHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The API's cold-start measures change when work happens, never what a request gets back: the deferred JSON handler
 * writes what Micronaut's writes and is the one the router gets; the service index reads the build's lines; the
 * API's properties reach every context.
 */
class ColdStartPiecesTest {
    @io.micronaut.serde.annotation.Serdeable
    record Instance(String name, List<String> tags, String health) {
    }

    @Test
    void jsonBodies_areWrittenByTheDeferredHandler_asMicronautsHandlerWritesThem() throws Exception {
        try (ApplicationContext context = ApplicationContext.builder().start()) {
            Argument<Instance> type = Argument.of(Instance.class);
            MessageBodyWriter<Instance> writer = context.getBean(MessageBodyHandlerRegistry.class)
                    .findWriter(type, List.of(MediaType.APPLICATION_JSON_TYPE)).orElseThrow();
            assertInstanceOf(DeferredJsonBodies.class, writer, "the router's JSON writer");
            @SuppressWarnings("unchecked")
            JsonMessageHandler<Instance> micronaut = context.getBean(JsonMessageHandler.class);
            Instance value = new Instance("bot-1", List.of(), null);
            assertEquals(written(micronaut.createSpecific(type), type, value),
                    written(writer.createSpecific(type), type, value));
            assertEquals("{\"name\":\"bot-1\",\"tags\":[],\"health\":null}",
                    written(writer.createSpecific(type), type, value), "quants-infra-api.properties: nulls and [] kept");
        }
    }

    @Test
    void jsonBodies_areReadByTheDeferredHandler() throws Exception {
        try (ApplicationContext context = ApplicationContext.builder().start()) {
            Argument<Instance> type = Argument.of(Instance.class);
            var reader = context.getBean(MessageBodyHandlerRegistry.class)
                    .findReader(type, List.of(MediaType.APPLICATION_JSON_TYPE)).orElseThrow();
            @SuppressWarnings("unchecked")
            DeferredJsonBodies<Instance> deferred = assertInstanceOf(DeferredJsonBodies.class, reader);
            Instance read = deferred.createSpecific(type).read(type, MediaType.APPLICATION_JSON_TYPE,
                    new SimpleHttpHeaders(), new ByteArrayInputStream(
                            "{\"name\":\"bot-2\",\"tags\":[\"a\"],\"health\":\"healthy\"}".getBytes(StandardCharsets.UTF_8)));
            assertEquals(new Instance("bot-2", List.of("a"), "healthy"), read);
        }
    }

    @Test
    void apiProperties_reachAContextBuiltWithoutAnyFile() {
        try (ApplicationContext context = ApplicationContext.builder().start()) {
            assertEquals("quants-infra-api", context.getProperty("micronaut.application.name", String.class).orElseThrow());
        }
    }

    @Test
    void serviceIndex_groupsTheBuildsLinesByServiceType() throws Exception {
        String index = """
                io.micronaut.inject.BeanDefinitionReference a.$A$Definition
                io.micronaut.inject.BeanDefinitionReference b.$B$Definition
                io.micronaut.core.beans.BeanIntrospectionReference c.$C$Introspection

                """;
        Map<String, Set<String>> parsed = MicronautServiceIndex.parse(
                new ByteArrayInputStream(index.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Map.of("io.micronaut.inject.BeanDefinitionReference", Set.of("a.$A$Definition", "b.$B$Definition"),
                "io.micronaut.core.beans.BeanIntrospectionReference", Set.of("c.$C$Introspection")), parsed);
    }

    @Test
    void serviceIndex_leavesMicronautsScanInPlace_whereTheClassPathHasNoIndex() {
        // Tests and local mode run from classes, not the Lambda jar: no index, so no static service loaders.
        assertTrue(new MicronautServiceIndex().load().getServiceLoaders().isEmpty());
    }

    private static <T> String written(MessageBodyWriter<T> writer, Argument<T> type, T value) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTo(type, MediaType.APPLICATION_JSON_TYPE, value, new SimpleHttpHeaders(), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
