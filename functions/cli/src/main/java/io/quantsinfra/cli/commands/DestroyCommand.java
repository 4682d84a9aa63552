package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantsinfra.cli.CliException;
import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quants-infra destroy}: remove every instance of a service after confirmation. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = "Remove every instance of a service and deregister its task definitions (logs and secrets are kept).")
public final class DestroyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "service name")
    String service;

    // --force keeps its one meaning here (skip the typed confirmation, which every script needs): if it also left
    // open trades, no scripted destroy could ever be held back by them.
    @Option(names = "--force", description = "skip the typed confirmation")
    boolean force;

    @Option(names = "--leave-open-trades", description = "destroy live bots even with open trades, or when their API "
            + "cannot be reached: the trades stay open on the exchange and the history says so")
    boolean leaveOpenTrades;

    @Option(names = "--force-exit", description = "exit every open trade of a live bot (Freqtrade forceexit) and wait "
            + "for them to close before destroying it; repeat if some are still closing")
    boolean forceExit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (leaveOpenTrades && forceExit) {
            throw new CliException(CliException.INVALID, "--leave-open-trades leaves open trades, --force-exit closes them; "
                    + "give one of them");
        }
        if (!force) {
            Console console = System.console();
            if (console == null) {
                throw new CliException(CliException.INVALID, "destroy removes every instance of " + service
                        + "; pass --force (there is no terminal to confirm on)");
            }
            String typed = console.readLine("This removes every instance of %s. Type the service name to confirm: ", service);
            if (typed == null || !typed.trim().equals(service)) {
                throw new CliException(CliException.INVALID, "confirmation did not match '" + service + "'; nothing was removed");
            }
        }
        JsonNode r = api.client().delete("/v1/services/" + Paths.segment(service) + "?confirm=" + Paths.query(service)
                + (leaveOpenTrades ? "&force=true" : "") + (forceExit ? "&forceExit=true" : ""));
        r.path("removedInstances").forEach(i -> out.println("removed service         " + i.asText()));
        r.path("deregisteredTaskDefinitions").forEach(i -> out.println("deregistered            " + i.asText()));
        r.path("keptLogGroups").forEach(i -> out.println("kept log group          " + i.asText()));
        out.println(r.path("message").asText());
        return 0;
    }
}
