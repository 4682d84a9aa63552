package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantsinfra.cli.CliException;
import io.quantsinfra.cli.http.ApiClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quants-infra logs}: an instance's last lines, merged across its tasks; {@code --follow} polls for more. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Show an instance's logs.")
public final class LogsCommand implements Callable<Integer> {
    static final Duration POLL = Duration.ofSeconds(2);

    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Option(names = "--service", required = true, paramLabel = "INSTANCE", description = "instance id, e.g. data-collector-1")
    String instance;

    @Option(names = "--lines", paramLabel = "N", defaultValue = "100", description = "how many lines (1..10000, default ${DEFAULT-VALUE})")
    int lines;

    @Option(names = "--since", paramLabel = "WHEN", description = "only lines since an ISO-8601 time or an age like 15m, 2h, 7d")
    String since;

    @Option(names = "--follow", description = "keep printing new lines until interrupted")
    boolean follow;

    @Option(names = "--follow-for", paramLabel = "DURATION", description = "with --follow, stop after this long (e.g. 5m)")
    String followFor;

    @Override
    public Integer call() {
        if (lines < 1 || lines > 10_000) {
            throw new CliException(CliException.INVALID, "--lines must be between 1 and 10000, got " + lines);
        }
        Instant stopAt = followFor == null ? Instant.MAX : Instant.now().plus(Durations.parse("--follow-for", followFor));
        ApiClient client = api.client();
        PrintWriter out = spec.commandLine().getOut();
        String base = "/v1/instances/" + Paths.segment(instance) + "/logs?lines=" + lines;
        JsonNode page = client.get(base + (since == null ? "" : "&since=" + Paths.query(since)));
        print(page, out);
        if (page.path("events").isEmpty() && !follow) {
            spec.commandLine().getErr().println("No log lines for " + instance + (since == null ? "" : " since " + since) + ".");
        }
        while (follow && Instant.now().isBefore(stopAt)) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            page = client.get("/v1/instances/" + Paths.segment(instance) + "/logs?lines=10000&nextToken="
                    + Paths.query(page.path("nextToken").asText()));
            print(page, out);
        }
        return 0;
    }

    private static void print(JsonNode page, PrintWriter out) {
        for (JsonNode e : page.path("events")) {
            out.println(e.path("timestamp").asText() + " " + e.path("message").asText());
        }
        out.flush();
    }
}
