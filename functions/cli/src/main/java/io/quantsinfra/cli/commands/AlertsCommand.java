package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantsinfra.cli.config.ConfigFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quants-infra alerts}: Prometheus rule files, the Alertmanager-shaped routing config, evaluating now,
 * the alert list, silences and the receivers' endpoints.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Alert rules, routing, evaluation, silences and receivers.",
        subcommands = {AlertRulesCommand.class, AlertsCommand.Config.class, AlertsCommand.Evaluate.class,
                AlertsCommand.ListAlerts.class, AlertSilenceCommand.class, AlertsCommand.Receivers.class})
public final class AlertsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? "" : n.isTextual() ? n.asText() : n.toString();
    }

    /** {@code alerts config apply|get}. */
    @Command(name = "config", mixinStandardHelpOptions = true, description = "The Alertmanager-shaped routing config.",
            subcommands = {Config.Apply.class, Config.Get.class, RoutesCommand.class})
    static final class Config implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "apply", mixinStandardHelpOptions = true,
                description = "Validate and store the routing config (route, receivers, inhibit_rules).")
        static final class Apply implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            ApiOptions api;
            @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "alertmanager.yml")
            Path file;

            @Override
            public Integer call() {
                JsonNode r = api.client().put("/v1/alerts/config", ConfigFiles.read(file));
                PrintWriter out = spec.commandLine().getOut();
                List<String> receivers = new ArrayList<>();
                r.path("receivers").forEach(x -> receivers.add(x.asText()));
                out.println("routing config " + (r.path("unchanged").asBoolean() ? "unchanged at" : "stored as") + " version "
                        + r.path("version").asLong() + ": receivers " + String.join(", ", receivers));
                r.path("warnings").forEach(w -> out.println("warning: " + w.asText()));
                return 0;
            }
        }

        @Command(name = "get", mixinStandardHelpOptions = true, description = "Print the routing config as stored (YAML).")
        static final class Get implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            ApiOptions api;
            @Option(names = "--format", defaultValue = "yaml", paramLabel = "FORMAT", converter = Choices.DocumentFormatConverter.class,
                    description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
            Choices.DocumentFormat format;

            @Override
            public Integer call() throws Exception {
                JsonNode r = api.client().get("/v1/alerts/config");
                PrintWriter out = spec.commandLine().getOut();
                if (format == Choices.DocumentFormat.json) {
                    out.println(r.toPrettyString());
                } else {
                    out.println("# routing config version " + r.path("version").asText() + ", by " + r.path("updatedBy").asText()
                            + " at " + r.path("updatedAt").asText());
                    out.print(Yaml.write(r.path("document")));
                }
                return 0;
            }
        }
    }

    /** {@code alerts evaluate}. */
    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Run one evaluation cycle now (every group) and send what is due.")
    static final class Evaluate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Mixin
        TableFormatOption format;

        @Override
        public Integer call() {
            JsonNode r = api.client().post("/v1/alerts/evaluate", Map.of());
            PrintWriter out = spec.commandLine().getOut();
            if (format.printedAsJson(r, out)) {
                return 0;
            }
            if (!r.path("skipped").isNull() && !r.path("skipped").isMissingNode()) {
                out.println("skipped: " + r.path("skipped").asText());
                return 0;
            }
            JsonNode n = r.path("notifications");
            out.println("evaluated " + r.path("groups").asInt() + " group(s), " + r.path("rules").asInt() + " rule(s) over "
                    + r.path("series").asInt() + " series (" + r.path("getMetricDataRequests").asInt() + " GetMetricData request(s)"
                    + (r.path("prometheusQueries").asInt() > 0 ? ", " + r.path("prometheusQueries").asInt()
                    + " query(ies) to the monitor's Prometheus" : "") + ") in "
                    + r.path("millis").asLong() + " ms: " + r.path("firing").asInt() + " firing, " + r.path("pending").asInt()
                    + " pending, " + r.path("resolved").asInt() + " resolved");
            r.path("transitions").forEach(t -> out.println("  " + t.asText()));
            out.println("notifications: " + n.path("sent").asInt() + " sent, " + n.path("failed").asInt() + " failed, "
                    + n.path("muted").asInt() + " alert(s) muted");
            n.path("notices").forEach(x -> out.println("notice: " + x.asText()));
            n.path("left").forEach(x -> out.println("left for the next cycle: " + x.asText()));
            n.path("errors").forEach(x -> out.println("error: " + x.asText()));
            r.path("errors").forEach(x -> out.println("error: " + x.asText()));
            return 0;
        }
    }

    /** {@code alerts list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List alerts: firing, pending and recently resolved.")
    static final class ListAlerts implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Mixin
        TableFormatOption format;

        @Override
        public Integer call() {
            JsonNode r = api.client().get("/v1/alerts");
            PrintWriter out = spec.commandLine().getOut();
            if (format.printedAsJson(r, out)) {
                return 0;
            }
            Table t = new Table("ALERT", "STATE", "SEVERITY", "LABELS", "VALUE", "SINCE", "MUTED", "SUMMARY");
            r.path("alerts").forEach(a -> {
                Map<String, String> labels = new LinkedHashMap<>();
                a.path("labels").fields().forEachRemaining(e -> {
                    if (!e.getKey().equals("alertname") && !e.getKey().equals("severity")) {
                        labels.put(e.getKey(), e.getValue().asText());
                    }
                });
                String since = a.path("state").asText().equals("firing") ? text(a.path("firedAt"))
                        : a.path("state").asText().equals("resolved") ? text(a.path("resolvedAt")) : text(a.path("activeAt"));
                String muted = a.path("inhibited").asBoolean() ? "inhibited"
                        : a.path("silencedBy").isEmpty() ? "" : "silenced";
                t.row(a.path("alertname").asText(), a.path("state").asText(), a.path("labels").path("severity").asText(""),
                        labels.toString(), text(a.path("value")), since, muted, a.path("annotations").path("summary").asText(""));
            });
            if (t.isEmpty()) {
                out.println("No alerts.");
            } else {
                t.print(out);
            }
            return 0;
        }
    }

    /** {@code alerts receivers}. */
    @Command(name = "receivers", mixinStandardHelpOptions = true,
            description = "Each receiver endpoint with its strategy, priority, rate limit and stats.")
    static final class Receivers implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Mixin
        TableFormatOption format;

        @Override
        public Integer call() {
            JsonNode r = api.client().get("/v1/alerts/receivers");
            PrintWriter out = spec.commandLine().getOut();
            if (format.printedAsJson(r, out)) {
                return 0;
            }
            Table t = new Table("RECEIVER", "ENDPOINT", "TYPE", "STRATEGY", "PRIORITY", "STATUS", "SUCCESS", "AVG LATENCY",
                    "RATE LIMIT", "ATTEMPTS", "LAST ERROR");
            r.path("endpoints").forEach(e -> {
                double rate = e.path("successRate").asDouble(-1);
                int limit = e.path("rateLimitPerMinute").asInt();
                t.row(e.path("receiver").asText(), e.path("endpoint").asText(), e.path("type").asText(), e.path("strategy").asText(),
                        e.path("priority").asText(), e.path("status").asText(),
                        e.path("successRate").isNull() ? "-" : String.format(Locale.ROOT, "%.0f%%", rate * 100),
                        e.path("averageLatencyMs").isNull() ? "-" : String.format(Locale.ROOT, "%.0f ms", e.path("averageLatencyMs").asDouble()),
                        limit == 0 ? "-" : e.path("usedThisMinute").asInt() + "/" + limit + " per min",
                        e.path("attempts").asText(), text(e.path("lastError")));
            });
            if (t.isEmpty()) {
                out.println("No receivers. Apply a routing config with 'quants-infra alerts config apply -f FILE'.");
            } else {
                t.print(out);
            }
            return 0;
        }
    }
}
