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
        }
        return 0;
    }
}
