package io.quantsinfra.api.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The shapes of the documents the alerting routes take, for the OpenAPI document only: the controllers hand the
 * document to core as it came, which validates it whole (PromQL, durations, matchers, secret references) and
 * answers every problem at once with a 400.
 */
final class Documents {
    /** A rule file's name: what {@code RuleFiles.checkName} accepts. */
    static final String RULE_FILE_NAME = "^[a-z0-9][a-z0-9._-]{0,63}$";
    /** A Prometheus duration, as {@code PromDuration} parses it. */
    static final String DURATION = "^(0|([0-9]+y)?([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?)$";

    private Documents() {}

    /** A Prometheus rule file, as JSON. */
    @Serdeable
    @Schema(description = "A Prometheus rule file as JSON (the YAML's structure)")
    record RuleFile(List<RuleGroup> groups) {}

    /** A rule group. */
    @Serdeable
    record RuleGroup(@Schema(minLength = 1, example = "services") String name,
                     @Nullable @Schema(pattern = DURATION, example = "1m") String interval,
                     @ArraySchema(minItems = 1) List<Rule> rules) {}

    /** An alerting ({@code alert}) or recording ({@code record}) rule. */
    @Serdeable
    record Rule(@Nullable @Schema(example = "HighCpu") String alert, @Nullable String record,
                @Schema(minLength = 1, example = "avg_over_time(CPUUtilization[5m]) > 90") String expr,
                @Nullable @JsonProperty("for") @Schema(pattern = DURATION, example = "5m") String forDuration,
                @Nullable Map<String, String> labels, @Nullable Map<String, String> annotations) {}

    /** An Alertmanager-shaped routing config, as JSON. */
    @Serdeable
    @Schema(description = "Alertmanager's configuration shape as JSON: route, receivers, "
            + "inhibit_rules, templates; secrets only as {secretRef, jsonKey} references")
    record RoutingConfig(Route route, @ArraySchema(minItems = 1) List<Receiver> receivers,
                         @Nullable List<Map<String, Object>> inhibit_rules, @Nullable Map<String, Object> global,
                         @Nullable List<String> templates) {}

    /** A route of the routing tree. */
    @Serdeable
    record Route(@Schema(minLength = 1, example = "default") String receiver, @Nullable List<String> group_by,
                 @Nullable @Schema(pattern = DURATION) String group_wait,
                 @Nullable @Schema(pattern = DURATION) String group_interval,
                 @Nullable @Schema(pattern = DURATION) String repeat_interval,
                 @Nullable List<String> matchers, @Nullable List<Map<String, Object>> routes,
                 @Nullable @JsonProperty("continue") Boolean continueMatching) {}

    /** A receiver: a name and its integrations ({@code webhook_configs}, {@code telegram_configs}, …). */
    @Serdeable
    @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    record Receiver(@Schema(minLength = 1, example = "default") String name) {}
}
