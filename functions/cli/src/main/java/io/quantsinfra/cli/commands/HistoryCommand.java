package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quants-infra history}: who deployed what, when, and how it ended. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Show a service's deployment history, newest first.")
public final class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "service name")
    String service;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "how many entries (1..500, default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        JsonNode r = api.client().get("/v1/services/" + Paths.segment(service) + "/history?limit=" + limit);
        PrintWriter out = spec.commandLine().getOut();
        Table t = new Table("WHEN", "ACTION", "RESULT", "WHO", "INSTANCES", "CHANGES");
        for (JsonNode d : r.path("deployments")) {
            StringBuilder inst = new StringBuilder();
            d.path("instances").forEach(i -> inst.append(inst.isEmpty() ? "" : ",").append(i.asText()));
            t.row(d.path("at").asText(), d.path("action").asText(), d.path("result").asText(), d.path("actor").asText(),
                    inst.toString(), Integer.toString(d.path("changes").size()));
        }
        if (t.isEmpty()) {
            out.println("No deployments of " + service + " yet.");
        } else {
            t.print(out);
            printBotStops(out, r);
        }
        return 0;
    }

    /** Every bot stop under the table: what it had open, whether stopentry answered, how it ended. */
    private static void printBotStops(PrintWriter out, JsonNode r) {
        for (JsonNode d : r.path("deployments")) {
            for (JsonNode b : d.path("botStops")) {
                StringBuilder trades = new StringBuilder();
                b.path("openTrades").forEach(t -> trades.append(trades.isEmpty() ? "" : "; ").append("#")
                        .append(t.path("id").asText()).append(' ').append(t.path("pair").asText()).append(" amount ")
                        .append(t.path("amount").asText()).append(" opened ").append(t.path("openDate").asText())
                        .append(" profit ").append(t.path("profit").asText()));
                out.println(d.path("at").asText() + " " + d.path("action").asText() + " " + b.path("instance").asText()
                        + (b.path("live").asBoolean() ? " (live)" : " (dry-run)") + ": stopentry "
                        + b.path("stopEntry").asText() + "; " + (trades.isEmpty() ? "no open trades" : "open trades: " + trades)
                        + "; " + b.path("outcome").asText());
            }
        }
    }
}
