package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantsinfra.cli.http.ApiClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quants-infra status}: every instance with its health, counts and rollout. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show instances, their health and rollout state.")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Option(names = "--service", paramLabel = "NAME", description = "only this service")
    String service;

    @Mixin
    TableFormatOption format;

    @Override
    public Integer call() {
        JsonNode status = api.client().get("/v1/status" + (service == null ? "" : "?service=" + Paths.query(service)));
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            ArrayNode list = ApiClient.json().createArrayNode();
            status.path("instances").forEach(i -> {
                ObjectNode o = list.addObject();
                i.fields().forEachRemaining(e -> o.set(e.getKey(), e.getValue()));
            });
            ObjectNode doc = ApiClient.json().createObjectNode();
            doc.set("instances", list);
            out.println(doc.toPrettyString());
            return 0;
        }
        Table table = new Table("INSTANCE", "SERVICE", "HEALTH", "DESIRED", "RUNNING", "ROLLOUT", "HOST", "TASK DEFINITION", "MESSAGE");
        status.path("instances").forEach(i -> table.row(i.path("instance").asText(), i.path("service").asText(),
                i.path("health").asText(), i.path("desired").asText(), i.path("running").asText(),
                i.path("rollout").asText(), i.path("host").asText(), i.path("taskDefinition").asText(),
                i.path("message").asText()));
        if (table.isEmpty()) {
            out.println(service == null ? "No instances. Deploy one with 'quants-infra deploy --service NAME --host AZ'."
                    : "No instances of " + service + ".");
        } else {
            table.print(out);
        }
        return 0;
    }
}
