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

/** JSON config files are read as Freqtrade reads them: comments and trailing commas are accepted. */
class ConfigFilesFreqtradeJsonTest {
    @TempDir
    Path dir;

    @Test
    void read_acceptsLineAndBlockCommentsAndTrailingCommas() throws IOException {
        Path file = Files.writeString(dir.resolve("config.json"), """
                {
                    /* as in config_full.example.json */
                    "stake_amount": 10,
                    "exchange": {
                        "name": "binance",
                        // "unknown_fee_rate": 1,
                        "pair_whitelist": ["BTC/USDT", "ETH/USDT",],
                    },
                }
                """);

        Map<String, Object> doc = ConfigFiles.read(file);

        assertEquals(10, doc.get("stake_amount"));
        assertEquals(Map.of("name", "binance", "pair_whitelist", List.of("BTC/USDT", "ETH/USDT")), doc.get("exchange"));
    }

    @Test
    void read_malformedJsonAfterAComment_namesLineAndColumnWithoutQuotingContent() throws IOException {
        Path file = Files.writeString(dir.resolve("config.json"), "{\n  // a comment\n  \"key\": SEKRITvalue\n}\n");

        CliException e = assertThrows(CliException.class, () -> ConfigFiles.read(file));

        assertEquals(CliException.INVALID, e.exitCode());
        assertTrue(e.getMessage().contains("is not valid JSON at line 3, column"), e.getMessage());
        assertFalse(e.getMessage().contains("SEKRIT"), e.getMessage());
    }
}
