package io.quantsinfra.core.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.inmemory.InMemorySilenceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A silence's duration as a request writes it: Prometheus style, read by core, refused on field duration. */
class SilenceDurationTest {
    private final InMemorySilenceStore store = new InMemorySilenceStore();
    private final SilenceService silences = new SilenceService(store,
            Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));

    @ParameterizedTest(name = "{0}")
    @CsvSource({"30m, PT30M", "2h, PT2H", "1d, PT24H", "1h30m, PT1H30M"})
    void addAs_durationText_endsTheSilenceThatLongAfterNow(String text, Duration expected) {
        Silence s = silences.addAs("alice", null, List.of("alertname=HighCpu"), text, "maintenance");

        assertEquals(expected, Duration.between(s.startsAt(), s.endsAt()));
        assertEquals("alice", s.createdBy());
    }

    @ParameterizedTest(name = "duration ''{0}''")
    @NullSource
    @ValueSource(strings = {"", "soon", "2 hours", "-1h"})
    void addAs_durationThatIsNotOne_isRefusedOnFieldDuration_andNothingIsStored(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> silences.addAs("alice", null, List.of("alertname=HighCpu"), text, "maintenance"));

        assertEquals("duration", e.field());
        assertEquals(List.of(), store.all());
    }
}
