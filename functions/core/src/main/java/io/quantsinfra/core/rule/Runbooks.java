package io.quantsinfra.core.rule;

import java.util.Map;
import java.util.Optional;

/**
 * The runbook pages shipped in {@code docs/runbooks/}, by alert name: an alert without a {@code runbook_url}
 * annotation gets a link to its page when one exists. Links are {@code <docs URL>/runbooks/<page>}; with no
 * docs URL configured they are the repository path {@code docs/runbooks/<page>.md}.
 */
public final class Runbooks {
    /**
     * Alert name → page name, for every alert of the rule files shipped in {@code docs/rules/} (the site module's
     * {@code RunbookPagesTest} reads those files and fails for an alert without a page here or a
     * {@code runbook_url} of its own).
     */
    public static final Map<String, String> PAGES = Map.ofEntries(
            // default-rules.yml
            Map.entry("InstanceDown", "instance-down"),
            Map.entry("InstanceCrashLooping", "instance-crash-looping"),
            Map.entry("HighCpu", "high-cpu"),
            Map.entry("HighMemory", "high-memory"),
            Map.entry("FreqtradeLoopStalled", "freqtrade-loop-stalled"),
            Map.entry("CollectorNotCollecting", "collector-not-collecting"),
            Map.entry("MonitorDown", "monitor-down"),
            // docs/rules/trading-rules.yml
            Map.entry("FreqtradeDrawdownHigh", "freqtrade-drawdown-high"),
            Map.entry("FreqtradeWinRateLow", "freqtrade-win-rate-low"),
            Map.entry("FreqtradeConsecutiveLosses", "freqtrade-consecutive-losses"),
            Map.entry("FreqtradeNotProcessing", "freqtrade-not-processing"),
            Map.entry("FreqtradeNoRecentTrades", "freqtrade-no-recent-trades"),
            // seed-004-zigquant.yml
            Map.entry("HighDrawdown", "high-drawdown"),
            Map.entry("LowWinRate", "low-win-rate"),
            Map.entry("ConsecutiveLosses", "consecutive-losses"),
            Map.entry("HighApiLatency", "high-api-latency"),
            Map.entry("ServiceDown", "service-down"),
            Map.entry("HighMemoryUsage", "high-memory-usage"),
            Map.entry("ExchangeDisconnected", "exchange-disconnected"));

    /** The docs base used when none is configured: links are then repository paths. */
    public static final String REPOSITORY_DOCS = "docs";

    private Runbooks() {}

    /** The link of {@code page} under {@code docsUrl}. */
    public static String link(String docsUrl, String page) {
        String base = docsUrl == null || docsUrl.isBlank() ? REPOSITORY_DOCS : docsUrl.replaceAll("/+$", "");
        return base.equals(REPOSITORY_DOCS) ? base + "/runbooks/" + page + ".md" : base + "/runbooks/" + page;
    }

    /** The runbook link of {@code alertname}, if a page exists for it. */
    public static Optional<String> url(String alertname, String docsUrl) {
        String page = PAGES.get(alertname);
        return page == null ? Optional.empty() : Optional.of(link(docsUrl, page));
    }
}
