package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quantsinfra.cli.CliException;
import io.quantsinfra.cli.config.ConfigFiles;
import io.quantsinfra.cli.http.ApiClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quants-infra jobs publish NAME [options]} publishes one job of definition NAME; {@code jobs publish -f
 * chain.yaml} publishes several at once (a fetch → analyse → report chain), their {@code dependsOn} naming earlier
 * entries by {@code ref} or existing jobs by id (the file is the API's publish document, snake_case as in seed 002). Either way the whole request is validated before anything is stored.
 *
 * {@snippet :
 * quants-infra jobs publish market-analysis --payload '{"symbol": "BTC/USDT"}' --priority HIGH --tag analysis
 * }
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publish a job of definition NAME, or a chain of jobs from a file (-f); all validated before any is stored.")
final class JobsPublishCommand implements Callable<Integer> {
    /** The largest payload the CLI sends; the API enforces the real limit (see docs/jobs.md). */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    @Spec
    CommandSpec spec;
    @Mixin
    ApiOptions api;
    @Parameters(arity = "0..1", paramLabel = "NAME", description = "job definition to run (not with -f)")
    String definition;
    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "chain file (YAML or JSON): jobs: [{ref, name, payload, priority, tags, depends_on, ...}]")
    Path chain;
    @ArgGroup(exclusive = true)
    Payload payload;
    @Option(names = "--priority", paramLabel = "PRIORITY", description = "LOW, NORMAL (default), HIGH, URGENT (or 1..4)")
    String priority;
    @Option(names = "--tag", paramLabel = "TAG", description = "tag the job, e.g. analysis or pair=BTC/USDT (repeatable)")
    List<String> tags;
    @Option(names = "--timeout", paramLabel = "DURATION", description = "stop the task after this long: seconds, or like 90s, 30m, 2h, 1d "
            + "(default: the definition's)")
    String timeout;
    @Option(names = "--expires-in", paramLabel = "DURATION", description = "never start after this long: seconds, or like 5m, 2h, 1d")
    String expiresIn;
    @Option(names = "--depends-on", paramLabel = "ID", description = "start only after job ID completed (repeatable)")
    List<String> dependsOn;
    @Option(names = "--max-retries", paramLabel = "N", description = "retries after a failed attempt (default: the definition's)")
    Integer maxRetries;
    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "publishing the same key again returns the first job")
    String idempotencyKey;
    @Mixin
    TableFormatOption format;

    /** Where the payload comes from. */
    static final class Payload {
        @Option(names = "--payload", paramLabel = "JSON", description = "the payload, a JSON object")
        String json;
        @Option(names = "--payload-file", paramLabel = "FILE", description = "read the payload (a JSON object) from FILE")
        Path file;

        Object read() {
            String text = json;
            if (file != null) {
                try {
                    if (Files.exists(file) && Files.size(file) > MAX_PAYLOAD_BYTES) {
                        throw new CliException(CliException.INVALID, "a payload is at most " + MAX_PAYLOAD_BYTES + " bytes; "
                                + file + " is larger");
                    }
                    text = Files.readString(file);
                } catch (NoSuchFileException e) {
                    throw new CliException(CliException.NOT_FOUND, "payload file not found: " + file);
                } catch (IOException e) {
                    throw new CliException(CliException.NOT_FOUND, "cannot read payload file " + file + ": " + e.getMessage());
                }
            }
            if (text.length() > MAX_PAYLOAD_BYTES) {
                throw new CliException(CliException.INVALID, "a payload is at most " + MAX_PAYLOAD_BYTES + " bytes");
            }
            JsonNode node;
            try {
                node = ApiClient.json().readTree(text);
            } catch (JsonProcessingException e) {
                throw new CliException(CliException.INVALID, "the payload is not valid JSON (line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr() + ")");
            }
            if (node == null || !node.isObject()) {
                throw new CliException(CliException.INVALID, "the payload must be a JSON object");
            }
            return ApiClient.json().convertValue(node, Map.class);
        }
    }

    @Override
    public Integer call() {
        JsonNode r;
        if (chain != null) {
            if (definition != null || payload != null || priority != null || tags != null || timeout != null
                    || expiresIn != null || dependsOn != null || maxRetries != null || idempotencyKey != null) {
                throw new CliException(CliException.INVALID, "-f publishes the jobs its file lists; give NAME and job options "
                        + "in the file instead");
            }
            r = api.client().post("/v1/jobs", ConfigFiles.read(chain));
        } else {
            if (definition == null) {
                throw new CliException(CliException.INVALID, "name a job definition (jobs publish NAME) or a chain file (-f FILE)");
            }
            r = api.client().post("/v1/jobs", body());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.printedAsJson(r, out)) {
            return 0;
        }
        JsonNode jobs = r.has("jobs") ? r.path("jobs") : ApiClient.json().createArrayNode().add(r);
        jobs.forEach(j -> out.println((j.path("existing").asBoolean() ? "already published " : "published ") + "job "
                + j.path("id").asText() + (j.path("ref").asText("").isEmpty() ? "" : " (" + j.path("ref").asText() + ")")
                + ": " + j.path("definition").asText() + ", " + j.path("priority").asText() + ", " + j.path("status").asText()
                + (j.path("dependsOn").isEmpty() ? "" : ", after " + JobViews.list(j.path("dependsOn")))));
        return 0;
    }

    private Map<String, Object> body() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", definition);
        if (payload != null) {
            b.put("payload", payload.read());
        }
        if (priority != null) {
            b.put("priority", priority);
        }
        if (tags != null) {
            b.put("tags", tags);
        }
        if (timeout != null) {
            b.put("timeout", timeout);
        }
        if (expiresIn != null) {
            b.put("expires_in", expiresIn);
        }
        if (dependsOn != null) {
            b.put("depends_on", dependsOn);
        }
        if (maxRetries != null) {
            b.put("max_retries", maxRetries);
        }
        if (idempotencyKey != null) {
            b.put("idempotency_key", idempotencyKey);
        }
        return b;
    }
}
