package io.quantsinfra.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Freqtrade presets' launcher, run by the real Python interpreter against a stand-in {@code freqtrade} on the
 * PATH that records its arguments: payload to arguments, Freqtrade's exit code passed through, results copied.
 */
class PresetLauncherTest {

    private static Process launch(Path dir, String subcommand, String payload) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fake = bin.resolve("freqtrade");
        Files.writeString(fake, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + dir.resolve("args.txt") + "\"\n"
                + "mkdir -p \"" + dir.resolve("results") + "\" && echo '{}' > \"" + dir.resolve("results/run.json") + "\"\nexit 3\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("python3", "-c", Preset.LAUNCHER, subcommand).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put(JobLimits.PAYLOAD_VARIABLE, payload);
        pb.environment().put(JobLimits.JOB_ID_VARIABLE, "job123");
        pb.environment().put("QUANTS_INFRA_JOB_TMP", dir.resolve("tmp").toString());
        pb.environment().put("QUANTS_INFRA_JOB_ROOT", dir.resolve("efs").toString());
        pb.environment().put("QUANTS_INFRA_JOB_RESULTS", dir.resolve("results").toString());
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        return p;
    }

    @Test
    void backtesting_passesThePayloadAsArguments_exitsWithFreqtradesCode_andKeepsResultsOnEfs(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("efs/strategies"));
        Process p = launch(dir, "backtesting", "{\"config\":{\"exchange\":{\"name\":\"kraken\"}},\"strategy\":\"SampleStrategy\","
                + "\"timerange\":\"20240101-20240201\",\"pairs\":[\"BTC/USDT\",\"ETH/USDT\"]}");
        assertEquals(3, p.exitValue());
        List<String> args = Files.readAllLines(dir.resolve("args.txt"));
        assertEquals(List.of("backtesting", "--config", dir.resolve("tmp/config.json").toString(), "--datadir", dir.resolve("efs/data/kraken").toString(),
                "--strategy-path", dir.resolve("efs/strategies").toString(), "--strategy", "SampleStrategy",
                "--timerange", "20240101-20240201", "--pairs", "BTC/USDT", "ETH/USDT"), args);
        assertTrue(Files.exists(dir.resolve("efs/backtest_results/job123/run.json")));
        assertEquals("{\"exchange\": {\"name\": \"kraken\"}}", Files.readString(dir.resolve("tmp/config.json")));
    }

    @Test
    void downloadData_takesTimeframesAndDays(@TempDir Path dir) throws Exception {
        Process p = launch(dir, "download-data", "{\"pairs\":[\"BTC/USDT\"],\"timeframes\":[\"5m\",\"1h\"],\"days\":30}");
        assertEquals(3, p.exitValue());
        assertEquals(List.of("download-data", "--config", dir.resolve("tmp/config.json").toString(), "--datadir", dir.resolve("efs/data/binance").toString(),
                "--days", "30", "--pairs", "BTC/USDT", "--timeframes", "5m", "1h"), Files.readAllLines(dir.resolve("args.txt")));
    }
}
