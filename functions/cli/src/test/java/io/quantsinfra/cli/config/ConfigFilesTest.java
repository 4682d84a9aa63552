package io.quantsinfra.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
    @TempDir
    Path dir;

    @Test
    void read_parsesYamlAndJsonToTheSameDocument() throws IOException {
        Path yaml = Files.writeString(dir.resolve("c.yaml"), "pairs: [BTC-USDT]\ninterval: 5\n");
        Path json = Files.writeString(dir.resolve("c.json"), "{\"pairs\": [\"BTC-USDT\"], \"interval\": 5}");

        assertEquals(Map.of("pairs", List.of("BTC-USDT"), "interval", 5), ConfigFiles.read(yaml));
        assertEquals(ConfigFiles.read(yaml), ConfigFiles.read(json));
    }

    @Test
    void read_namesLineAndColumn_butNeverQuotesTheContent() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\n  \"secret\": hunter2-value\n}");

        CliException e = assertThrows(CliException.class, () -> ConfigFiles.read(bad));

        assertEquals(CliException.INVALID, e.exitCode());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void read_missingFile_isNotFound() {
        CliException e = assertThrows(CliException.class, () -> ConfigFiles.read(dir.resolve("nope.yaml")));
        assertEquals(CliException.NOT_FOUND, e.exitCode());
    }
}
