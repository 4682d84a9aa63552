package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code quants-infra alerts silence add|list|expire}: silences. */
@Command(name = "silence", mixinStandardHelpOptions = true, description = "Silences.",
        subcommands = {AlertSilenceCommand.Add.class, AlertSilenceCommand.ListSilences.class, AlertSilenceCommand.Expire.class})
final class AlertSilenceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Mute alerts matching every matcher for a while; recorded under your identity.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Option(names = {"-m", "--matcher"}, required = true, paramLabel = "MATCHER",
                description = "like alertname=HighCpu or service_name=~\"freqtrade-.*\"; repeat for more")
        List<String> matchers = new ArrayList<>();
        @Option(names = {"-d", "--duration"}, required = true, paramLabel = "DURATION", description = "like 30m, 2h, 1d")
        String duration;
        @Option(names = {"-c", "--comment"}, required = true, paramLabel = "TEXT", description = "why")
        String comment;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("matchers", matchers);
            body.put("duration", duration);
            body.put("comment", comment);
            JsonNode r = api.client().post("/v1/alerts/silences", body);
            spec.commandLine().getOut().println("silence " + r.path("id").asText() + " " + r.path("status").asText()
                    + " until " + r.path("endsAt").asText());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List silences (active and pending; --all for expired too).")
    static final class ListSilences implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Option(names = "--all", description = "include expired silences")
        boolean all;
        @Mixin
        TableFormatOption format;

        @Override
        public Integer call() {
            JsonNode r = api.client().get("/v1/alerts/silences");
            PrintWriter out = spec.commandLine().getOut();
            if (format.printedAsJson(r, out)) {
                return 0;
            }
            Table t = new Table("ID", "STATUS", "MATCHERS", "ENDS", "BY", "COMMENT");
            r.path("silences").forEach(s -> {
                if (all || !s.path("status").asText().equals("expired")) {
                    List<String> m = new ArrayList<>();
                    s.path("matchers").forEach(x -> m.add(x.asText()));
                    t.row(s.path("id").asText(), s.path("status").asText(), String.join(", ", m), s.path("endsAt").asText(),
                            s.path("createdBy").asText(), s.path("comment").asText());
                }
            });
            if (t.isEmpty()) {
                out.println("No silences.");
            } else {
                t.print(out);
            }
            return 0;
        }
    }

    @Command(name = "expire", mixinStandardHelpOptions = true, description = "End a silence now.")
    static final class Expire implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(paramLabel = "ID", description = "silence id")
        String id;

        @Override
        public Integer call() {
            JsonNode r = api.client().delete("/v1/alerts/silences/" + Paths.segment(id));
            spec.commandLine().getOut().println("silence " + r.path("id").asText() + " expired at " + r.path("endsAt").asText());
            return 0;
        }
    }
}
