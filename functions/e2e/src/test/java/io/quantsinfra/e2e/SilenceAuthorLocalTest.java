package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** In local mode a silence's author is the local user the CLI runs as; the CLI has no way to name another. */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SilenceAuthorLocalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private LocalModeFixture local;

    @BeforeAll
    void start(AwsEmulator aws) {
        local = new LocalModeFixture(aws);
    }

    @AfterAll
    void stop() {
        local.close();
    }

    @Test
    void silenceAdd_recordsTheLocalUser() throws IOException {
        var add = local.cli("alerts", "silence", "add", "-m", "alertname=HighCpu", "-d", "1h", "-c", "maintenance");
        var list = local.cli("alerts", "silence", "list", "--format", "json");

        assertEquals(0, add.exit(), add::toString);
        JsonNode silences = JSON.readTree(list.out()).path("silences");
        assertTrue(silences.size() > 0, list::toString);
        silences.forEach(s -> assertEquals("e2e-tester", s.path("createdBy").asText(), list::toString));
    }

    @Test
    void silenceAdd_inSomeoneElsesName_isNotAnOption() {
        var run = local.cli("alerts", "silence", "add", "-m", "alertname=HighCpu", "-d", "1h", "-c", "x", "--author", "bob");

        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("--author"), run::toString);
    }
}
