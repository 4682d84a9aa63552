package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantsinfra.cli.CliException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How {@code jobs} prints the API's job documents as text (the {@code json} format prints them as they are). */
final class JobViews {
    private static final Pattern AGE = Pattern.compile("([1-9][0-9]{0,3})(h|d)");

    private JobViews() {}

    static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? "" : n.isTextual() ? n.asText() : n.toString();
    }

    static String list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return String.join(",", out);
    }

    static String tags(JsonNode tags) {
        return list(tags);
    }

    static String revision(JsonNode r) {
        return r.path("revision").isMissingNode() ? "" : " (task definition revision " + r.path("revision").asText() + ")";
    }

    /** {@code pending}, or {@code failed: exit code 1 …} when the job carries a reason. */
    static String status(JsonNode job) {
        String reason = text(job.path("reason"));
        return job.path("status").asText() + (reason.isEmpty() ? "" : ": " + reason);
    }

    /** {@code 12h} or {@code 7d} as hours, 1 hour to 365 days. */
    static long hours(String option, String text) {
        Matcher m = AGE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new CliException(CliException.INVALID, option + " must be an age like 12h or 7d, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        long hours = m.group(2).equals("d") ? n * 24 : n;
        if (hours > 365 * 24) {
            throw new CliException(CliException.INVALID, option + " must be at most 365d, got " + text);
        }
        return hours;
    }

    static void jobs(JsonNode jobs, PrintWriter out, String empty) {
        Table t = new Table("ID", "DEFINITION", "STATUS", "PRIORITY", "ATTEMPTS", "CREATED", "DEPENDS ON", "TAGS");
        jobs.forEach(j -> t.row(j.path("id").asText(), j.path("definition").asText(), j.path("status").asText(),
                j.path("priority").asText(), j.path("attempts").isArray() ? Integer.toString(j.path("attempts").size())
                        : text(j.path("attemptCount")),
                text(j.path("createdAt")), list(j.path("dependsOn")), tags(j.path("tags"))));
        if (t.isEmpty()) {
            out.println(empty);
        } else {
            t.print(out);
        }
    }

    static void job(JsonNode j, PrintWriter out) {
        out.println("id:           " + j.path("id").asText());
        out.println("definition:   " + j.path("definition").asText());
        out.println("status:       " + status(j));
        out.println("priority:     " + j.path("priority").asText());
        out.println("created:      " + text(j.path("createdAt")) + (text(j.path("createdBy")).isEmpty() ? "" : " by " + text(j.path("createdBy"))));
        if (!j.path("dependsOn").isEmpty()) {
            out.println("depends on:   " + list(j.path("dependsOn")));
        }
        if (!j.path("tags").isEmpty()) {
            out.println("tags:         " + tags(j.path("tags")));
        }
        if (!text(j.path("expiresAt")).isEmpty()) {
            out.println("expires:      " + text(j.path("expiresAt")));
        }
        out.println("timeout:      " + text(j.path("timeoutSeconds")) + " s, max retries " + text(j.path("maxRetries")));
        if (!j.path("payload").isMissingNode() && !j.path("payload").isNull()) {
            out.println("payload:      " + j.path("payload"));
        }
        Table t = new Table("ATTEMPT", "TASK", "STARTED", "STOPPED", "EXIT", "OUTCOME", "REASON");
        j.path("attempts").forEach(a -> t.row(a.path("number").asText(), text(a.path("taskArn")), text(a.path("startedAt")),
                text(a.path("stoppedAt")), text(a.path("exitCode")), text(a.path("outcome")), text(a.path("stoppedReason"))));
        if (t.isEmpty()) {
            out.println("attempts:     none yet");
        } else {
            out.println("attempts:");
            t.print(out);
        }
    }

    static void definitions(JsonNode r, PrintWriter out) {
        Table t = new Table("NAME", "IMAGE", "CPU", "MEMORY", "TIMEOUT", "RETRIES", "PRESET");
        r.path("definitions").forEach(d -> t.row(d.path("name").asText(), text(d.path("image")), text(d.path("cpu")),
                text(d.path("memory")), text(d.path("timeoutSeconds")), text(d.path("maxRetries")),
                d.path("preset").asBoolean() ? "yes" : ""));
        if (t.isEmpty()) {
            out.println("No job definitions. Create one with 'quants-infra jobs define -f FILE'.");
        } else {
            t.print(out);
        }
    }

    static void stats(JsonNode r, PrintWriter out) {
        out.println("total:        " + r.path("total").asInt());
        out.println("by status:    " + pairs(r.path("byStatus")));
        out.println("by priority:  " + pairs(r.path("byPriority")));
        out.println("expired:      " + r.path("expired").asInt());
        out.println("avg completion: " + seconds(r.path("avgCompletionSeconds")));
        Table t = new Table("DEFINITION", "JOBS", "WAIT P50", "WAIT P95", "RUN P50", "RUN P95");
        r.path("definitions").fields().forEachRemaining(e -> t.row(e.getKey(), text(e.getValue().path("count")),
                seconds(e.getValue().path("waitP50Seconds")), seconds(e.getValue().path("waitP95Seconds")),
                seconds(e.getValue().path("runP50Seconds")), seconds(e.getValue().path("runP95Seconds"))));
        if (!t.isEmpty()) {
            t.print(out);
        }
    }

    private static String seconds(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "-" : n.asText() + " s";
    }

    private static String pairs(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fields().forEachRemaining(e -> out.add(e.getKey() + "=" + e.getValue().asText()));
        return out.isEmpty() ? "-" : String.join(", ", out);
    }

    static void cycle(JsonNode r, PrintWriter out) {
        if (!text(r.path("error")).isEmpty()) {
            out.println("dispatch: " + text(r.path("error")));
            return;
        }
        if (r.path("mode").asText().equals("lambda")) {
            out.println("dispatcher invoked (" + text(r.path("invoked")) + "); it runs the cycle now");
            return;
        }
        out.println("dispatch cycle: " + r.path("started").size() + " started" + (r.path("started").isEmpty() ? ""
                : " (" + list(r.path("started")) + ")") + ", " + r.path("expired").asInt() + " expired, "
                + r.path("timedOut").asInt() + " timed out, " + r.path("reconciled").asInt() + " reconciled, "
                + r.path("startFailed").asInt() + " failed to start; " + r.path("running").asInt() + " running"
                + (r.path("left").asInt() > 0 ? ", " + r.path("left").asInt() + " ready left for the next cycle" : ""));
    }
}
