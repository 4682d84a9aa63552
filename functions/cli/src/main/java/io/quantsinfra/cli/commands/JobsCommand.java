package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantsinfra.cli.CliException;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quants-infra jobs}: seed 002's task publisher — job definitions, publishing one job or a chain, the queue,
 * one job with its attempts and logs, cancel, retry, stats, cleanup, and a dispatch cycle on demand (local mode has no
 * schedule). Printing lives in {@link JobViews}; publishing in {@link JobsPublishCommand}.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "One-off jobs on Fargate: definitions, publish (one or a chain), queue, cancel, retry, logs, stats.",
        subcommands = {JobsCommand.Define.class, JobsCommand.Definitions.class, JobsPublishCommand.class,
                JobsCommand.ListJobs.class, JobsCommand.Get.class, JobsCommand.Ready.class, JobsCommand.Cancel.class,
                JobsCommand.Retry.class, JobsCommand.Logs.class, JobsCommand.Stats.class, JobsCommand.Cleanup.class,
                JobsCommand.Dispatch.class})
public final class JobsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String path(String id) {
        return "/v1/jobs/" + Paths.segment(id);
    }

    /** {@code jobs define -f FILE}. */
    @Command(name = "define", mixinStandardHelpOptions = true,
            description = "Create or change a job definition (YAML or JSON): image, command, cpu/memory, secrets, "
                    + "default timeout and retries.")
    static final class Define implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "job definition file")
        Path file;
        @Option(names = "--name", paramLabel = "NAME", description = "definition name (default: the file's 'name', else "
                + "the file name without extension)")
        String name;

        @Override
        public Integer call() {
            Map<String, Object> doc = new LinkedHashMap<>(ConfigFiles.read(file));
            String n = name != null ? name : doc.get("name") instanceof String s ? s
                    : file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "").toLowerCase(Locale.ROOT);
            doc.remove("name");
            JsonNode r = api.client().put("/v1/jobs/definitions/" + Paths.segment(n), doc);
            spec.commandLine().getOut().println("job definition " + r.path("name").asText(n)
                    + (r.path("unchanged").asBoolean() ? " unchanged" : " stored") + JobViews.revision(r));
            return 0;
        }
    }

    /** {@code jobs definitions [NAME]}. */
    @Command(name = "definitions", mixinStandardHelpOptions = true,
            description = "List job definitions (presets and your own), or show one.")
    static final class Definitions implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(arity = "0..1", paramLabel = "NAME", description = "show this definition")
        String name;
        @Mixin
        TableFormatOption format;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (name != null) {
                JsonNode d = api.client().get("/v1/jobs/definitions/" + Paths.segment(name));
                out.println(format.json() ? d.toPrettyString() : Yaml.write(d).stripTrailing());
                return 0;
            }
            JsonNode r = api.client().get("/v1/jobs/definitions");
            if (format.printedAsJson(r, out)) {
                return 0;
            }
            JobViews.definitions(r, out);
            return 0;
        }
    }

    /** {@code jobs list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List jobs, highest priority and oldest first, by status, minimum priority, tags, definition.")
    static final class ListJobs implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Option(names = "--status", paramLabel = "STATUS",
                description = "pending, running, completed, failed, timed_out, cancelled, expired")
        String status;
        @Option(names = "--min-priority", paramLabel = "PRIORITY", description = "LOW, NORMAL, HIGH, URGENT (or 1..4)")
        String minPriority;
        @Option(names = "--tag", paramLabel = "TAG", description = "only jobs with this tag (repeatable: all must match)")
        List<String> tags;
        @Option(names = "--definition", paramLabel = "NAME", description = "only jobs of this definition")
        String definition;
        @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "at most N jobs (1..500)")
        int limit;
        @Option(names = "--next-token", paramLabel = "TOKEN", description = "the page after the one that printed TOKEN")
        String nextToken;
        @Mixin
        TableFormatOption format;

        @Override
        public Integer call() {
            List<String> q = new ArrayList<>();
            add(q, "status", status);
            add(q, "minPriority", minPriority);
            add(q, "definition", definition);
            (tags == null ? List.<String>of() : tags).forEach(t -> add(q, "tag", t));
            add(q, "limit", Integer.toString(limit));
            add(q, "nextToken", nextToken);
            JsonNode r = api.client().get("/v1/jobs?" + String.join("&", q));
            PrintWriter out = spec.commandLine().getOut();
            if (format.printedAsJson(r, out)) {
                return 0;
            }
            JobViews.jobs(r.path("jobs"), out, "No jobs. Publish one with 'quants-infra jobs publish NAME'.");
            if (!r.path("nextToken").asText("").isEmpty()) {
                out.println("more: --next-token " + r.path("nextToken").asText());
            }
            return 0;
        }

        private static void add(List<String> q, String key, String value) {
            if (value != null && !value.isEmpty()) {
                q.add(key + "=" + Paths.query(value));
            }
        }
    }

    /** {@code jobs get ID}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one job with its attempts.")
    static final class Get implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(paramLabel = "ID", description = "job id")
        String id;
        @Mixin
        TableFormatOption format;

        @Override
        public Integer call() {
            JsonNode j = api.client().get(path(id));
            PrintWriter out = spec.commandLine().getOut();
            if (!format.printedAsJson(j, out)) {
                JobViews.job(j, out);
            }
            return 0;
        }
    }

    /** {@code jobs ready}. */
    @Command(name = "ready", mixinStandardHelpOptions = true,
            description = "Jobs that would start next: every dependency completed, not expired, in dispatch order.")
    static final class Ready implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "at most N jobs (1..500)")
        int limit;
        @Mixin
        TableFormatOption format;

        @Override
        public Integer call() {
            JsonNode r = api.client().get("/v1/jobs/ready?limit=" + limit);
            PrintWriter out = spec.commandLine().getOut();
            if (!format.printedAsJson(r, out)) {
                JobViews.jobs(r.path("jobs"), out, "No job is ready.");
            }
            return 0;
        }
    }

    /** {@code jobs cancel ID}. */
    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a job: a pending one at once, a running one by stopping its task; its dependents are cancelled too.")
    static final class Cancel implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(paramLabel = "ID", description = "job id")
        String id;
        @Option(names = "--reason", paramLabel = "TEXT", description = "why (recorded with the job)")
        String reason;
        @Mixin
        TableFormatOption format;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (reason != null) {
                body.put("reason", reason);
            }
            JsonNode r = api.client().post(path(id) + "/cancel", body);
            PrintWriter out = spec.commandLine().getOut();
            if (format.printedAsJson(r, out)) {
                return 0;
            }
            out.println("job " + id + ": " + JobViews.status(r.path("job")) + " (its pending dependents are cancelled too)");
            return 0;
        }
    }

    /** {@code jobs retry ID}. */
    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Queue a failed, timed-out or cancelled job again with fresh retries.")
    static final class Retry implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(paramLabel = "ID", description = "job id")
        String id;
        @Mixin
        TableFormatOption format;

        @Override
        public Integer call() {
            JsonNode r = api.client().post(path(id) + "/retry", Map.of());
            PrintWriter out = spec.commandLine().getOut();
            if (!format.printedAsJson(r, out)) {
                out.println("job " + id + ": " + JobViews.status(r.path("job")));
            }
            return 0;
        }
    }

    /** {@code jobs logs ID}. */
    @Command(name = "logs", mixinStandardHelpOptions = true, description = "Print an attempt's log lines (CloudWatch Logs).")
    static final class Logs implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(paramLabel = "ID", description = "job id")
        String id;
        @Option(names = "--attempt", paramLabel = "N", description = "attempt number (default: the latest)")
        Integer attempt;
        @Option(names = "--lines", defaultValue = "100", paramLabel = "N", description = "last N lines (1..10000)")
        int lines;
        @Mixin
        TableFormatOption format;

        @Override
        public Integer call() {
            JsonNode r = api.client().get(path(id) + "/logs?lines=" + lines + (attempt == null ? "" : "&attempt=" + attempt));
            PrintWriter out = spec.commandLine().getOut();
            if (format.printedAsJson(r, out)) {
                return 0;
            }
            if (!r.path("logUrl").asText("").isEmpty()) {
                out.println("# attempt " + r.path("attempt").asText() + " — " + r.path("logUrl").asText());
            }
            r.path("lines").forEach(l -> out.println(l.path("timestamp").asText("") + " " + l.path("message").asText("")));
            if (r.path("lines").isEmpty()) {
                out.println("No log lines" + (r.path("note").asText("").isEmpty() ? "." : ": " + r.path("note").asText()));
            }
            return 0;
        }
    }

    /** {@code jobs stats}. */
    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Totals by status and priority, expired, average completion time, p50/p95 wait and run times per definition.")
    static final class Stats implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Mixin
        TableFormatOption format;

        @Override
        public Integer call() {
            JsonNode r = api.client().get("/v1/jobs/stats");
            PrintWriter out = spec.commandLine().getOut();
            if (!format.printedAsJson(r, out)) {
                JobViews.stats(r, out);
            }
            return 0;
        }
    }

    /** {@code jobs cleanup}. */
    @Command(name = "cleanup", mixinStandardHelpOptions = true,
            description = "Remove expired jobs and finished jobs older than --older-than (DynamoDB TTL removes them anyway).")
    static final class Cleanup implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Option(names = "--older-than", defaultValue = "7d", paramLabel = "AGE",
                description = "finished jobs older than AGE: like 12h or 7d (1h..365d)")
        String olderThan;

        @Override
        public Integer call() {
            long hours = JobViews.hours("--older-than", olderThan);
            JsonNode r = api.client().post("/v1/jobs/cleanup", Map.of("olderThanHours", hours));
            spec.commandLine().getOut().println("removed " + r.path("removed").asInt() + " job(s): " + r.path("expired").asInt()
                    + " expired, " + r.path("finished").asInt() + " finished before " + r.path("before").asText());
            return 0;
        }
    }

    /** {@code jobs dispatch}. */
    @Command(name = "dispatch", mixinStandardHelpOptions = true,
            description = "Run one dispatch cycle now: reconcile running tasks, stop timed-out ones, expire, start ready jobs "
                    + "(on AWS the dispatcher also runs every minute and after each publish).")
    static final class Dispatch implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Mixin
        TableFormatOption format;

        @Override
        public Integer call() {
            JsonNode r = api.client().post("/v1/jobs/dispatch", Map.of());
            PrintWriter out = spec.commandLine().getOut();
            if (!format.printedAsJson(r, out)) {
                JobViews.cycle(r, out);
            }
            return 0;
        }
    }
}
