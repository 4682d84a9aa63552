package io.quantsinfra.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.promql.Labels;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Label arguments are read as amtool 0.25 reads them (each expectation taken from amtool's own output). */
class RouteLabelsTest {
    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("bare value", "a=x", "x"),
                Arguments.of("quoted value with a space", "a=\"x y\"", "x y"),
                Arguments.of("spaces around", " a = x ", "x"),
                Arguments.of("empty value", "a=", ""),
                Arguments.of("escaped quote", "a=\"x\\\"y\"", "x\"y"),
                Arguments.of("escaped newline", "a=\"x\\ny\"", "x\ny"),
                Arguments.of("trailing backslash is literal", "a=x\\", "x\\"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void parse_readsTheValue_asAmtool(String name, String arg, String value) {
        assertEquals(Labels.of("a", value), RouteLabels.parse(List.of(arg)));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("no operator", "foo", "is not a label"),
                Arguments.of("not equal", "a!=b", "name=value pairs"),
                Arguments.of("regex", "a=~b", "name=value pairs"),
                Arguments.of("braces", "{c=d}", "is not a label"),
                Arguments.of("unclosed quote", "a=\"x", "closing double quote"),
                Arguments.of("stray quote", "a=x\"y", "unescaped double quote"),
                Arguments.of("name starts with a digit", "1a=b", "is not a label"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void parse_refusesWhatAmtoolRefuses(String name, String arg, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RouteLabels.parse(List.of(arg)));
        assertTrue(e.getMessage().contains(message), e::getMessage);
    }
}
