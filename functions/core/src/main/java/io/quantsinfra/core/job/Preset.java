package io.quantsinfra.core.job;

import io.quantsinfra.core.catalog.TaskSize;
import java.util.Arrays;
import java.util.List;

/**
 * Definition presets. {@code container}: any image and command. The two Freqtrade presets run Freqtrade's own
 * subcommands ({@code backtesting}, {@code download-data}) in the official image through a small launcher that
 * turns the payload into arguments: {@code config} (a Freqtrade config object, written to a file),
 * {@code strategy}, {@code timerange}, {@code timeframe}, {@code pairs}, {@code timeframes}, {@code days}. Market
 * data lives on the collector's EFS under {@code freqtrade/data/<exchange>} (download-data writes it, backtesting
 * reads it); strategies are taken from {@code freqtrade/strategies} there when present (or the image); backtest
 * results are copied to {@code freqtrade/backtest_results/<job id>/} on EFS, where they outlive the task.
 */
enum Preset {
    CONTAINER("container", null, new TaskSize(256, 512), false, null),
    FREQTRADE_BACKTEST("freqtrade-backtest", "freqtradeorg/freqtrade:stable", new TaskSize(1024, 4096), true, "backtesting"),
    FREQTRADE_DOWNLOAD_DATA("freqtrade-download-data", "freqtradeorg/freqtrade:stable", new TaskSize(512, 2048), true,
            "download-data");

    static final String VOLUME = "collector-data";
    static final String MOUNT = "/mnt/collector";

    /**
     * The launcher run by {@code python3 -c} with the subcommand as its argument (the image has Python, not jq).
     * Exits with Freqtrade's exit code, so the job fails when Freqtrade does.
     */
    static final String LAUNCHER = String.join("\n",
            "import json, os, shutil, subprocess, sys",
            "p = json.loads(os.environ.get('QUANTS_INFRA_JOB_PAYLOAD') or '{}')",
            "sub = sys.argv[1]",
            "root = os.environ.get('QUANTS_INFRA_JOB_ROOT', '" + MOUNT + "/freqtrade')",
            "cfg = p.get('config') or {}",
            "tmp = os.environ.get('QUANTS_INFRA_JOB_TMP', '/tmp/job')",
            "os.makedirs(tmp, exist_ok=True)",
            "json.dump(cfg, open(os.path.join(tmp, 'config.json'), 'w'))",
            "exchange = (cfg.get('exchange') or {}).get('name') or p.get('exchange') or 'binance'",
            "a = ['freqtrade', sub, '--config', os.path.join(tmp, 'config.json'), '--datadir', os.path.join(root, 'data', exchange)]",
            "if sub == 'backtesting' and os.path.isdir(os.path.join(root, 'strategies')):",
            "    a += ['--strategy-path', os.path.join(root, 'strategies')]",
            "for k in (['strategy', 'timeframe'] if sub == 'backtesting' else []) + ['timerange', 'days']:",
            "    if k in p: a += ['--' + k, str(p[k])]",
            "if p.get('pairs'): a += ['--pairs'] + [str(x) for x in p['pairs']]",
            "if sub == 'download-data' and p.get('timeframes'): a += ['--timeframes'] + [str(x) for x in p['timeframes']]",
            "print('quants-infra job: ' + ' '.join(a), flush=True)",
            "code = subprocess.call(a)",
            "results = os.environ.get('QUANTS_INFRA_JOB_RESULTS', '/freqtrade/user_data/backtest_results')",
            "if sub == 'backtesting' and os.path.isdir(results):",
            "    shutil.copytree(results, os.path.join(root, 'backtest_results', os.environ.get('QUANTS_INFRA_JOB_ID', 'unknown')), dirs_exist_ok=True)",
            "sys.exit(code)");

    final String name;
    final String defaultImage;
    final TaskSize size;
    final boolean needsCollectorVolume;
    final String subcommand;

    Preset(String name, String defaultImage, TaskSize size, boolean needsCollectorVolume, String subcommand) {
        this.name = name;
        this.defaultImage = defaultImage;
        this.size = size;
        this.needsCollectorVolume = needsCollectorVolume;
        this.subcommand = subcommand;
    }

    List<String> entryPoint() {
        return subcommand == null ? List.of() : List.of("python3", "-c", LAUNCHER);
    }

    List<String> command() {
        return subcommand == null ? List.of() : List.of(subcommand);
    }

    static Preset byName(String name) {
        return Arrays.stream(values()).filter(p -> p.name.equals(name)).findFirst().orElse(null);
    }

    static String names() {
        return String.join(", ", Arrays.stream(values()).map(p -> p.name).toList());
    }
}
