package io.quantsinfra.core.monitor;

import io.quantsinfra.core.json.Json;
import io.quantsinfra.core.rule.StoredRuleFile;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rule files applied to the control plane ({@code quants-infra rules apply}), as the monitor's Prometheus loads
 * them: {@code rules/<name>.yml}. The document is written as JSON, which is YAML, so that what Prometheus reads is
 * exactly what was applied (the control plane accepts only what {@code promtool check rules} accepts; its
 * extensions are annotations). Prometheus evaluates them over its own scraped series: a rule over a CloudWatch-only
 * name (e.g. {@code quants_infra_instance_up}) selects nothing there and never fires from the monitor.
 */
final class RuleFilesRenderer {
    static final String DIR = "rules/";
    private static final String HEADER = "# Applied to quants-infra as rule file '%s' (version %d); rendered, edits here are overwritten.\n";

    private RuleFilesRenderer() {}

    static Map<String, String> render(Collection<StoredRuleFile> files) {
        Map<String, String> out = new LinkedHashMap<>();
        files.stream().sorted(Comparator.comparing(StoredRuleFile::name)).forEach(f ->
                out.put(DIR + f.name() + ".yml", HEADER.formatted(f.name(), f.version()) + Json.write(f.document()) + "\n"));
        return out;
    }
}
