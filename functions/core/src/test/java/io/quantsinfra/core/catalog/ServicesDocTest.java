package io.quantsinfra.core.catalog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.catalog.schema.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/services.md documents every config key the catalogue knows, so the two cannot drift apart. */
class ServicesDocTest {

    static Stream<Arguments> schemas() {
        return Stream.of(
                Arguments.of("freqtrade", FreqtradeSchema.ROOT),
                Arguments.of("freqtrade exchange", FreqtradeSchema.EXCHANGE),
                Arguments.of("freqtrade telegram", FreqtradeSchema.TELEGRAM),
                Arguments.of("freqtrade api_server", FreqtradeSchema.API_SERVER),
                Arguments.of("freqtrade webhook", FreqtradeSchema.WEBHOOK),
                Arguments.of("freqtrade discord", FreqtradeSchema.DISCORD),
                Arguments.of("data-collector", DataCollectorService.SCHEMA),
                Arguments.of("monitor", MonitorService.SCHEMA));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void servicesDoc_namesEveryKey(String name, ObjectNode schema) throws Exception {
        String doc = Files.readString(Path.of("../../docs/services.md"));
        List<String> missing = schema.names().stream().filter(k -> !doc.contains("`" + k + "`")).toList();
        assertTrue(missing.isEmpty(), "docs/services.md does not mention " + missing);
    }
}
