package io.quantsinfra.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantsinfra.core.error.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The defaults and ranges of the jobs API's query and body numbers, decided in core. */
class JobRequestLimitsTest {

    @Test
    void page_noLimitAsked_isTwenty_andAnAskedOneIsKept() {
        assertEquals(20, JobLimits.page(null));
        assertEquals(7, JobLimits.page(7));
    }

    @Test
    void cleanupAge_noAgeAsked_isOneWeek() {
        assertEquals(Duration.ofHours(168), JobLimits.cleanupAge(null));
        assertEquals(Duration.ofHours(1), JobLimits.cleanupAge(1));
        assertEquals(Duration.ofDays(365), JobLimits.cleanupAge(8760L));
        assertEquals(Duration.ofHours(3), JobLimits.cleanupAge(3.0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"zero, 0", "over a year, 8761", "fraction, 1.5", "negative, -2"})
    void cleanupAge_outOfRangeOrFractional_isRefusedOnFieldOlderThanHours(String name, double hours) {
        Object given = hours == Math.rint(hours) ? (Object) (long) hours : (Object) hours;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> JobLimits.cleanupAge(given));
        assertEquals("olderThanHours", e.field());
    }

    @Test
    void cleanupAge_notANumber_isRefusedOnFieldOlderThanHours() {
        assertEquals("olderThanHours", assertThrows(InvalidInputException.class, () -> JobLimits.cleanupAge("168")).field());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {1, 100, 10_000})
    void logLines_inRange_isKept(int lines) {
        assertEquals(lines, JobLimits.logLines(lines));
    }

    @Test
    void logLines_noCountAsked_isOneHundred() {
        assertEquals(100, JobLimits.logLines(null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, -1, 10_001})
    void logLines_outOfRange_isRefusedOnFieldLines(int lines) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> JobLimits.logLines(lines));
        assertEquals("lines", e.field());
    }
}
