package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code alerts config routes test|show} against local mode: amtool's output for the applied config and for a local
 * file; bad input refused with exit 2, one line, and the emulator's state unchanged.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutesTestLocalTest {
    static final String CONFIG = """
            route:
              receiver: chat
              group_by: [alertname]
              routes:
                - matchers: ['severity="critical"']
                  receiver: pager
                  continue: true
                - match: {team: db}
                  receiver: db
                  routes:
                    - match_re: {env: prod|staging}
            receivers:
              - name: chat
                webhook_configs: [{url: 'http://127.0.0.1:9/chat'}]
              - name: pager
                webhook_configs: [{url: 'http://127.0.0.1:9/pager'}]
              - name: db
                webhook_configs: [{url: 'http://127.0.0.1:9/db'}]
            """;
    private LocalModeFixture local;
    private Path file;

    @BeforeAll
    void start(AwsEmulator aws) throws IOException {
        local = new LocalModeFixture(aws);
        file = Files.writeString(Files.createTempDirectory("routes").resolve("alertmanager.yml"), CONFIG);
        var applied = local.cli("alerts", "config", "apply", "-f", file.toString());
        assertEquals(0, applied.exit(), applied::toString);
    }

    @AfterAll
    void stop() {
        local.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "critical only        | severity=critical                | pager",
        "critical db in prod  | severity=critical team=db env=prod | pager,db",
        "nothing matches      | team=ops                         | chat",
        "quoted value         | team=\"db\"                        | db"})
    void routesTest_printsTheReceivers_asAmtool(String name, String labels, String receivers) {
        List<String> args = new java.util.ArrayList<>(List.of("alerts", "config", "routes", "test"));
        args.addAll(List.of(labels.split(" ")));

        var run = local.cli(args.toArray(String[]::new));

        assertEquals(0, run.exit(), run::toString);
        assertEquals(receivers + "\n", run.out());
    }

    @Test
    void verifyReceivers_mismatch_exitsOne_withAmtoolsWarning() {
        var run = local.cli("alerts", "config", "routes", "test", "--verify-receivers", "chat", "severity=critical");

        assertEquals(1, run.exit(), run::toString);
        assertEquals("pager\nWARNING: Expected receivers did not match resolved receivers.\n", run.out());
        assertEquals(0, local.cli("alerts", "config", "routes", "test", "--verify-receivers", "pager", "severity=critical").exit());
    }

    @Test
    void tree_andShow_drawTheTree_asAmtool() {
        var tree = local.cli("alerts", "config", "routes", "test", "--tree", "team=db", "env=prod");
        var show = local.cli("alerts", "config", "routes", "show");

        assertEquals("Matching routes:\n.\n└── default-route\n    └── {team=\"db\"}\n        └── {env=~\"^(?:prod|staging)$\"}"
                + "  receiver: db\n\n\ndb\n", tree.out(), tree::toString);
        assertEquals("Routing tree:\n.\n└── default-route  receiver: chat\n    ├── {severity=\"critical\"}  continue: true  receiver: pager\n"
                + "    └── {team=\"db\"}  receiver: db\n        └── {env=~\"^(?:prod|staging)$\"}  receiver: db\n\n", show.out(), show::toString);
    }

    @Test
    void localFile_andJson_areServed() throws IOException {
        Path other = Files.writeString(file.resolveSibling("other.yml"), "route: {receiver: solo}\nreceivers: [{name: solo}]\n");

        var run = local.cli("alerts", "config", "routes", "test", "--file", other.toString(), "--format", "json", "a=b");

        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("\"receivers\" : [ \"solo\" ]"), run::toString);
        assertEquals("Routing tree:\n.\n└── default-route  receiver: solo\n\n",
                local.cli("alerts", "config", "routes", "show", "-f", other.toString()).out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no operator          | 'foo' is not a label              | alerts,config,routes,test,foo",
        "matcher not a label  | labels must be specified as name=value | alerts,config,routes,test,severity=~crit.*",
        "unclosed quote       | closing double quote is missing   | alerts,config,routes,test,team=\"db",
        "unknown receiver     | receiver nobody not defined       | alerts,config,routes,test,--verify-receivers,nobody,a=b",
        "bad format           | --format                          | alerts,config,routes,test,--format,xml,a=b"})
    void badInput_isRefused_withOneLine_andNothingChanged(String name, String message, String args) {
        String before = local.emulatorState();

        var run = local.cli(args.split(","));

        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains(message), () -> "expected '" + message + "' in\n" + run);
        assertEquals(1, run.err().lines().count(), () -> "one line on stderr\n" + run);
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
    }

    @Test
    void badLocalFile_isRefused_andTheAppliedConfigStays() throws IOException {
        Path bad = Files.writeString(file.resolveSibling("bad.yml"), "route: {receiver: nobody}\nreceivers: [{name: r}]\n");
        String before = local.emulatorState();

        var run = local.cli("alerts", "config", "routes", "test", "-f", bad.toString(), "a=b");

        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("'nobody' is not defined"), run::toString);
        assertEquals(List.of(), EmulatorState.differences(before, local.emulatorState()));
        assertEquals("chat\n", local.cli("alerts", "config", "routes", "test", "a=b").out());
    }
}
