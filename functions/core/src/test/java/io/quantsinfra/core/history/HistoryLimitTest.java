package io.quantsinfra.core.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantsinfra.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryLimitTest {

    @Test
    void of_noLimitAsked_isTwenty() {
        assertEquals(20, HistoryLimit.of(null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"smallest, 1", "default, 20", "largest, 500"})
    void of_limitInRange_isKept(String name, int limit) {
        assertEquals(limit, HistoryLimit.of(limit));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"zero, 0", "negative, -3", "over the maximum, 501"})
    void of_limitOutOfRange_isRefusedNamingTheField(String name, int limit) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HistoryLimit.of(limit));
        assertEquals("limit", e.field());
        assertEquals("must be between 1 and 500, got " + limit, e.problems().getFirst().message());
    }
}
