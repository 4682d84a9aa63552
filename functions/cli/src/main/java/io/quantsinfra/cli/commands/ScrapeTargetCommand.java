package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantsinfra.cli.CliException;
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
import picocli.CommandLine.Spec;

/** {@code quants-infra scrape-target add|list|remove|render}: the monitor's Prometheus scrape targets. */
@Command(name = "scrape-target", mixinStandardHelpOptions = true,
        description = "Manage the monitor's Prometheus scrape targets.",
        subcommands = {ScrapeTargetCommand.Add.class, ScrapeTargetCommand.ListTargets.class,
                ScrapeTargetCommand.Remove.class, ScrapeTargetCommand.Render.class})
public final class ScrapeTargetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Adds or replaces a job's targets. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add or replace the targets of a job.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Option(names = "--job", required = true, paramLabel = "NAME", description = "job name, e.g. data-collector")
        String job;

        @Option(names = "--target", required = true, paramLabel = "HOST:PORT", description = "repeat for more targets")
        List<String> targets = new ArrayList<>();

        @Option(names = "--label", paramLabel = "KEY=VALUE", description = "extra label; repeat for more")
        List<String> labels = new ArrayList<>();

        @Override
        public Integer call() {
            Map<String, String> labelMap = new LinkedHashMap<>();
            for (String l : labels) {
                int eq = l.indexOf('=');
                if (eq < 1) {
                    throw new CliException(CliException.INVALID, "--label must be KEY=VALUE, got '" + l + "'");
                }
                labelMap.put(l.substring(0, eq), l.substring(eq + 1));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("job_name", job);
            body.put("targets", targets);
            body.put("labels", labelMap);
            JsonNode r = api.client().post("/v1/services/monitor/scrape-targets", body);
            PrintWriter out = spec.commandLine().getOut();
            out.println("scrape target " + job + ": " + targets.size() + " target(s)");
            r.path("published").forEach(p -> out.println("published " + p.asText()));
            return 0;
        }
    }

    /** Lists every job. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List scrape targets.")
    static final class ListTargets implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Override
        public Integer call() {
            JsonNode r = api.client().get("/v1/services/monitor/scrape-targets");
            Table t = new Table("JOB", "TARGETS", "LABELS");
            r.path("targets").forEach(x -> t.row(x.path("job_name").asText(), join(x.path("targets")), x.path("labels").toString()));
            PrintWriter out = spec.commandLine().getOut();
            if (t.isEmpty()) {
                out.println("No scrape targets.");
            } else {
                t.print(out);
            }
            return 0;
        }

        private static String join(JsonNode list) {
            List<String> s = new ArrayList<>();
            list.forEach(n -> s.add(n.asText()));
            return String.join(",", s);
        }
    }

    /** Removes a job. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a job's scrape targets.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Option(names = "--job", required = true, paramLabel = "NAME", description = "job name")
        String job;

        @Override
        public Integer call() {
            api.client().delete("/v1/services/monitor/scrape-targets/" + Paths.segment(job));
            spec.commandLine().getOut().println("removed scrape target " + job);
            return 0;
        }
    }

    /** Prints the rendered Prometheus files. */
    @Command(name = "render", mixinStandardHelpOptions = true, description = "Print the rendered prometheus.yml and target files.")
    static final class Render implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Override
        public Integer call() {
            JsonNode r = api.client().get("/v1/services/monitor/prometheus-config");
            PrintWriter out = spec.commandLine().getOut();
            r.path("files").fields().forEachRemaining(f -> {
                out.println("# ---- " + f.getKey());
                out.println(f.getValue().asText());
            });
            return 0;
        }
    }
}
