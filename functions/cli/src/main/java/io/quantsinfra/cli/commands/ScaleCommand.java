package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quants-infra scale}: set the number of instances of a service. */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Scale a service to COUNT instances (0..50): adds the lowest free indexes, removes the highest first.")
public final class ScaleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "service name")
    String service;

    @Option(names = "--count", required = true, paramLabel = "COUNT", description = "target number of instances")
    int count;

    @Option(names = "--force", description = "remove live bots even with open trades (left open, said in the history) "
            + "or when their API cannot be reached")
    boolean force;

    @Option(names = "--force-exit", description = "exit the open trades of live bots being removed (Freqtrade forceexit) first")
    boolean forceExit;

    @Override
    public Integer call() {
        if (force && forceExit) {
            throw new io.quantsinfra.cli.CliException(io.quantsinfra.cli.CliException.INVALID,
                    "--force leaves open trades, --force-exit closes them; give one of them");
        }
        JsonNode r = api.client().post("/v1/services/" + Paths.segment(service) + "/scale",
                Map.of("count", count, "force", force, "forceExit", forceExit));
        PrintWriter out = spec.commandLine().getOut();
        r.path("added").forEach(a -> out.println("added   " + a.asText()));
        r.path("removed").forEach(a -> out.println("removed " + a.asText()));
        out.println(r.path("message").asText());
        return 0;
    }
}
