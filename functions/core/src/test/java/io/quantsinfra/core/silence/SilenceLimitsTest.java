package io.quantsinfra.core.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.inmemory.InMemorySilenceStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Silences past a limit are refused with the limit named; nothing is stored. */
class SilenceLimitsTest {

    static List<String> matchers(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("l" + i + "=v");
        }
        return out;
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("too many matchers", matchers(SilenceService.MAX_MATCHERS + 1), "c", "matchers",
                        "the limit is 32 matchers per silence"),
                Arguments.of("too many matchers in one list", List.of("{" + String.join(",", matchers(40)) + "}"), "c",
                        "matchers", "the limit is 32 matchers per silence"),
                Arguments.of("comment too long", List.of("alertname=X"), "c".repeat(501), "comment",
                        "the limit is 500 characters"),
                Arguments.of("matcher text too long", List.of("alertname=\"" + "x".repeat(2_000) + "\""), "c", "matchers[0]",
                        "the limit is 1280 characters per matcher"),
                Arguments.of("regex too long", List.of("alertname=~\"" + "x".repeat(1_100) + "\""), "c", "matchers[0]",
                        "the limit is 1024 characters per regular expression"),
                Arguments.of("lookahead", List.of("alertname=~\"(?!Watchdog).*\""), "c", "matchers[0]", "lookahead"),
                Arguments.of("null matcher", java.util.Arrays.asList("alertname=X", null), "c", "matchers[1]", "got null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String name, List<String> matchers, String comment, String field, String message) {
        InMemorySilenceStore store = new InMemorySilenceStore();
        SilenceService s = new SilenceService(store, Clock.systemUTC());

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> s.add(matchers, Duration.ofHours(1), comment, "tester"));

        assertEquals(field, e.field(), e::getMessage);
        assertTrue(e.getMessage().contains(message), e::getMessage);
        assertEquals(List.of(), store.all());
    }

    @Test
    void atTheLimits_isAdded() {
        SilenceService s = new SilenceService(new InMemorySilenceStore(), Clock.systemUTC());

        Silence added = s.add(matchers(SilenceService.MAX_MATCHERS), Duration.ofHours(1), "c".repeat(500), "tester");

        assertEquals(SilenceService.MAX_MATCHERS, added.matchers().size());
    }
}
