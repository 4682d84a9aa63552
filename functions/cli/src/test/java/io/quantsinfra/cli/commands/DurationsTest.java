package io.quantsinfra.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantsinfra.cli.CliException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @Test
    void parse_readsSecondsMinutesHours() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("--timeout", "90s"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("--timeout", "10m"));
        assertEquals(Duration.ofHours(2), Durations.parse("--timeout", "2h"));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "10", "m", "-5m", "1.5h", "25h", "10 m"})
    void parse_refusesAnythingElse(String text) {
        assertEquals(CliException.INVALID, assertThrows(CliException.class, () -> Durations.parse("--timeout", text)).exitCode());
    }
}
