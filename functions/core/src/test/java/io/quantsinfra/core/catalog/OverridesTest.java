package io.quantsinfra.core.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.deploy.Overrides;
import io.quantsinfra.core.error.InvalidInputException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OverridesTest {
    private static final ServiceType FREQTRADE = new FreqtradeService();

    @Test
    void memoriesFor_listsFargatesCombinations() {
        assertAll(
                () -> assertEquals(List.of(512, 1024, 2048), TaskSize.memoriesFor(256)),
                () -> assertEquals(List.of(1024, 2048, 3072, 4096), TaskSize.memoriesFor(512)),
                () -> assertEquals(2048, TaskSize.memoriesFor(1024).getFirst()),
                () -> assertEquals(8192, TaskSize.memoriesFor(1024).getLast()),
                () -> assertEquals(13, TaskSize.memoriesFor(2048).size()),
                () -> assertEquals(30720, TaskSize.memoriesFor(4096).getLast()),
                () -> assertTrue(TaskSize.memoriesFor(384).isEmpty()),
                () -> assertFalse(TaskSize.isValid(256, 4096)));
    }

    @Test
    void defaultSizes_areTheCataloguesOwn() {
        assertEquals(new TaskSize(512, 1024), new FreqtradeService().defaultSize());
        assertEquals(new TaskSize(256, 512), new DataCollectorService().defaultSize());
        assertEquals(new TaskSize(1024, 2048), new MonitorService().defaultSize());
    }

    static Stream<Arguments> sizes() {
        TaskSize ft = new TaskSize(512, 1024);
        return Stream.of(
                Arguments.of("no override keeps the default", null, null, ft),
                Arguments.of("both given and fitting", 2048, 4096, new TaskSize(2048, 4096)),
                Arguments.of("cpu only raises memory to the smallest fitting", 2048, null, new TaskSize(2048, 4096)),
                Arguments.of("cpu only keeps a default memory that fits", 256, null, new TaskSize(256, 1024)),
                Arguments.of("memory only keeps a cpu that takes it", null, 3072, new TaskSize(512, 3072)),
                Arguments.of("memory only raises cpu to the smallest that takes it", null, 16384, new TaskSize(2048, 16384)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sizes")
    void resolve_picksAFargateSize(String name, Integer cpu, Integer memory, TaskSize expected) {
        assertEquals(expected, TaskSize.resolve(new Overrides(null, cpu, memory, null), new TaskSize(512, 1024)));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("cpu not a Fargate size", new Overrides(null, 300, null, null), "overrides.cpu",
                        "must be one of 256, 512, 1024, 2048, 4096"),
                Arguments.of("memory no cpu takes", new Overrides(null, null, 1500, null), "overrides.memory",
                        "no Fargate cpu size takes 1500 MiB"),
                Arguments.of("memory that does not fit the given cpu", new Overrides(null, 256, 4096, null), "overrides.memory",
                        "4096 MiB does not fit cpu 256; Fargate takes 512, 1024 or 2048 MiB with it"),
                Arguments.of("memory above the cpu's range", new Overrides(null, 1024, 9216, null), "overrides.memory",
                        "9216 MiB does not fit cpu 1024; Fargate takes 2048 to 8192 MiB in steps of 1024"),
                Arguments.of("port zero", new Overrides(null, null, null, 0), "overrides.port", "must be from 1 to 65535, got 0"),
                Arguments.of("port too high", new Overrides(null, null, null, 70000), "overrides.port", "got 70000"),
                Arguments.of("image with a scheme", new Overrides("https://docker.io/freqtrade", null, null, null),
                        "overrides.image", "expected an image reference"),
                Arguments.of("image in upper case", new Overrides("Freqtrade/Bot", null, null, null),
                        "overrides.image", "(repository names are lowercase)"),
                Arguments.of("image with a space", new Overrides("freqtrade bot:1", null, null, null),
                        "overrides.image", "expected an image reference"),
                Arguments.of("image with an empty tag", new Overrides("freqtrade:", null, null, null),
                        "overrides.image", "expected an image reference"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void validateOverrides_refusesWithTheOverrideField(String name, Overrides overrides, String field, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FREQTRADE.validateOverrides(overrides));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "freqtradeorg/freqtrade:stable",
            "freqtradeorg/freqtrade:2024.11",
            "quants-lab:latest",
            "quants-lab",
            "localhost:5000/quants-lab:dev",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/bots:1.4.2",
            "ghcr.io/org/my_bot__x:v1",
            "public.ecr.aws/aws-cli/aws-cli@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "prom/prometheus:v2.48.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void validateOverrides_acceptsImageReferences(String image) {
        assertDoesNotThrow(() -> FREQTRADE.validateOverrides(new Overrides(image, null, null, null)));
    }
}
