package io.quantsinfra.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantsinfra.cli.QuantsInfraCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A word outside a closed option set is refused while the command line is parsed (exit 2, one line naming the
 * option and the set), before any request: the endpoint here is a port nothing listens on.
 */
class ChoicesTest {
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("table format", "error: --format must be table or json, got 'xml' (see 'status --help')",
                        new String[] {"status", "--format", "xml"}),
                Arguments.of("document format", "error: --format must be yaml or json, got 'table' (see 'get --help')",
                        new String[] {"alerts", "rules", "get", "default", "--format", "table"}),
                Arguments.of("words are the CLI's own, in lowercase",
                        "error: --format must be table or json, got 'JSON' (see 'list --help')",
                        new String[] {"secrets", "list", "--format", "JSON"}),
                Arguments.of("manage action",
                        "error: --action must be start, stop or restart, got 'reboot' (see 'manage --help')",
                        new String[] {"manage", "--service", "freqtrade-1", "--action", "reboot"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void closedOptionSet_refusesAnotherWord_withOneLineAndExit2(String name, String line, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = QuantsInfraCli.run(args, new PrintWriter(out), new PrintWriter(err),
                Map.of("QUANTS_INFRA_ENDPOINT", "http://127.0.0.1:9", "USER", "t"));

        assertEquals(2, exit, err::toString);
        assertEquals(line, err.toString().strip());
        assertEquals("", out.toString());
    }
}
