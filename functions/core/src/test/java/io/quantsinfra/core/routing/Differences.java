package io.quantsinfra.core.routing;

import java.util.Map;

/**
 * Where core's config validation and amtool's knowingly differ, with the reason. Routing itself (which receivers a
 * label set reaches, the printed trees) has no listed difference: the routing part of every config agrees.
 */
final class Differences {
    private Differences() {}

    private static final String EXTENSIONS = "core's receiver extensions (credentials as {secretRef, jsonKey} maps, "
            + "delivery:, endpoint name/priority/rate_limit_per_minute) are not Alertmanager fields, so amtool refuses the "
            + "file as written; its routing part agrees";

    /** Shipped configs whose verdicts differ, by path. */
    static final Map<String, String> SHIPPED = Map.of(
            "examples/alertmanager.yml", EXTENSIONS,
            "docs/rules/seed-004-alertmanager.yml", EXTENSIONS);

    /** Configs amtool accepts and core refuses on purpose (core refuses more), by case name. */
    static final Map<String, String> STRICTER = Map.of(
            "literal credential", "a credential must be a secret reference under alerting/, never a literal in the config",
            "private webhook target", "the outbound guard refuses private, link-local and loopback targets (local mode allows loopback)",
            "template files", "templates: files are not read; templates are written inline",
            "unsupported integration", "only webhook, slack, telegram, pagerduty and email integrations are implemented");
}
