package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quants-infra manage}: start, stop or restart one instance. */
@Command(name = "manage", mixinStandardHelpOptions = true, description = "Start, stop or restart an instance.")
public final class ManageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Option(names = "--service", required = true, paramLabel = "INSTANCE", description = "instance id, e.g. freqtrade-1")
    String instance;

    @Option(names = "--action", required = true, paramLabel = "ACTION", converter = Choices.ActionConverter.class,
            description = "${COMPLETION-CANDIDATES}")
    Choices.Action action;

    @Option(names = "--force", description = "stop or restart a live bot even when its API cannot be reached to stop "
            + "new entries first")
    boolean force;

    @Override
    public Integer call() {
        JsonNode r = api.client().post("/v1/instances/" + Paths.segment(instance) + "/actions", Map.of("action", action.name(), "force", force));
        spec.commandLine().getOut().println(r.path("message").asText());
        return 0;
    }
}
