package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantsinfra.cli.CliException;
import io.quantsinfra.cli.http.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * {@code quants-infra secrets}: values come from a file or standard input, never from an argument (shell
 * history), and are printed only by {@code get --reveal}.
 */
@Command(name = "secrets", mixinStandardHelpOptions = true, description = "Manage secrets in Secrets Manager.",
        subcommands = {SecretsCommand.Put.class, SecretsCommand.Get.class, SecretsCommand.ListSecrets.class,
                SecretsCommand.Rotate.class, SecretsCommand.DeleteSecret.class, SecretsCommand.Restore.class})
public final class SecretsCommand implements Runnable {
    private static final int MAX_BYTES = 65_536;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where a value comes from: a file or standard input. */
    static final class ValueSource {
        @Option(names = "--value-file", paramLabel = "FILE", description = "read the value from FILE (JSON object or plain text)")
        Path file;

        @Option(names = "--from-stdin", description = "read the value from standard input")
        boolean stdin;

        String read() {
            byte[] bytes;
            try {
                if (file != null) {
                    if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
                        throw new CliException(CliException.INVALID, "secret values are at most 65536 bytes; " + file + " is larger");
                    }
                    bytes = Files.readAllBytes(file);
                } else {
                    try (InputStream in = System.in) {
                        bytes = in.readNBytes(MAX_BYTES + 1);
                    }
                    if (bytes.length > MAX_BYTES) {
                        throw new CliException(CliException.INVALID, "secret values are at most 65536 bytes");
                    }
                }
            } catch (NoSuchFileException e) {
                throw new CliException(CliException.NOT_FOUND, "value file not found: " + file);
            } catch (IOException e) {
                throw new CliException(CliException.NOT_FOUND, "cannot read the value: " + e.getMessage());
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new CliException(CliException.INVALID, "the value is not UTF-8 text (binary secrets are not supported)");
            }
            // A file written by an editor ends with a newline that is not part of the secret.
            return text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        }
    }

    private static String path(String name) {
        return "/v1/secrets/" + String.join("/", java.util.Arrays.stream(name.split("/", -1)).map(Paths::segment).toList());
    }

    static void printMetadata(JsonNode m, PrintWriter out) {
        out.println("name:          " + m.path("name").asText());
        out.println("arn:           " + m.path("arn").asText());
        out.println("last changed:  " + m.path("lastChanged").asText(""));
        if (!m.path("deletedDate").isNull() && !m.path("deletedDate").isMissingNode()) {
            out.println("deletion:      scheduled (" + m.path("deletedDate").asText() + ")");
        }
        List<String> keys = new ArrayList<>();
        m.path("jsonKeys").forEach(k -> keys.add(k.asText()));
        out.println("json keys:     " + (keys.isEmpty() ? "(plain string)" : String.join(", ", keys)));
        m.path("versions").forEach(v -> {
            List<String> stages = new ArrayList<>();
            v.path("stages").forEach(s -> stages.add(s.asText()));
            out.println("version:       " + v.path("id").asText() + (stages.isEmpty() ? "" : " " + stages));
        });
        List<String> refs = new ArrayList<>();
        m.path("referencedBy").forEach(r -> refs.add(r.asText()));
        out.println("referenced by: " + (refs.isEmpty() ? "(no instance)" : String.join(", ", refs)));
    }

    /** {@code secrets put NAME}. */
    @Command(name = "put", mixinStandardHelpOptions = true, description = "Create a secret or store a new version of it.")
    static final class Put implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(index = "0", paramLabel = "NAME", description = "secret name (under the quants-infra/ prefix)")
        String name;
        @ArgGroup(exclusive = true, multiplicity = "1")
        ValueSource value;

        @Override
        public Integer call() {
            JsonNode m = api.client().put(path(name), Map.of("value", value.read()));
            spec.commandLine().getOut().println("stored secret " + name + " (" + m.path("arn").asText() + ")");
            return 0;
        }
    }

    /** {@code secrets get NAME [--reveal]}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a secret's metadata; the value only with --reveal.")
    static final class Get implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--reveal", description = "print the current value (recorded as an audit event)")
        boolean reveal;

        @Override
        public Integer call() {
            ApiClient client = api.client();
            PrintWriter out = spec.commandLine().getOut();
            if (reveal) {
                out.println(client.post("/v1/secrets/actions/reveal", Map.of("name", name)).path("value").asText());
            } else {
                printMetadata(client.get(path(name)), out);
            }
            return 0;
        }
    }

    /** {@code secrets list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List secrets (names and metadata, no values).")
    static final class ListSecrets implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Mixin
        TableFormatOption format;

        @Override
        public Integer call() {
            JsonNode r = api.client().get("/v1/secrets");
            PrintWriter out = spec.commandLine().getOut();
            if (format.printedAsJson(r, out)) {
                return 0;
            }
            Table t = new Table("NAME", "LAST CHANGED", "VERSIONS", "STATE", "REFERENCED BY");
            r.path("secrets").forEach(s -> {
                List<String> refs = new ArrayList<>();
                s.path("referencedBy").forEach(x -> refs.add(x.asText()));
                boolean deleted = !s.path("deletedDate").isNull() && !s.path("deletedDate").isMissingNode();
                t.row(s.path("name").asText(), s.path("lastChanged").asText(""), Integer.toString(s.path("versions").size()),
                        deleted ? "scheduled for deletion" : "active", String.join(",", refs));
            });
            if (t.isEmpty()) {
                out.println("No secrets.");
            } else {
                t.print(out);
            }
            return 0;
        }
    }

    /** {@code secrets rotate NAME}. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Rotate a secret and redeploy exactly the instances that use it; reverts if their rollout fails.")
    static final class Rotate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--value-file", paramLabel = "FILE", description = "the new value from FILE")
        Path file;
        @Option(names = "--from-stdin", description = "the new value from standard input")
        boolean stdin;
        @Option(names = "--generate", description = "generate a random value (plain-string secrets)")
        boolean generate;
        @Option(names = "--length", paramLabel = "N", description = "length of a generated value (16..4096, default 32)")
        Integer length;
        @Option(names = "--no-wait", description = "do not wait for the redeployed instances; the scheduled health probe judges "
                + "their rollout and reverts the rotation if ECS rolls it back")
        boolean noWait;
        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", description = "how long to wait for rollouts")
        String timeout;

        @Override
        public Integer call() {
            int sources = (file != null ? 1 : 0) + (stdin ? 1 : 0) + (generate ? 1 : 0);
            if (sources != 1) {
                throw new CliException(CliException.INVALID, "give exactly one of --value-file, --from-stdin or --generate");
            }
            if (length != null && !generate) {
                throw new CliException(CliException.INVALID, "--length goes with --generate");
            }
            Duration wait = Durations.parse("--timeout", timeout);
            Map<String, Object> body = body();
            ApiClient client = api.client();
            PrintWriter out = spec.commandLine().getOut();
            JsonNode r = client.post("/v1/secrets/actions/rotate", body);
            out.println("rotated " + name + ": version " + r.path("version").asText() + " is current; "
                    + r.path("previousVersion").asText() + " kept as AWSPREVIOUS");
            List<String> restarted = new ArrayList<>();
            r.path("restarted").forEach(i -> restarted.add(i.asText()));
            if (restarted.isEmpty()) {
                out.println("no instance references " + name + "; nothing to redeploy");
                return 0;
            }
            for (int i = 0; i < restarted.size(); i++) {
                out.println("[" + (i + 1) + "/" + restarted.size() + "] " + restarted.get(i) + ": new deployment to read the new value…");
            }
            out.flush();
            if (noWait) {
                return 0;
            }
            awaitAndSettle(client, restarted, wait, out);
            out.println(name + ": " + restarted.size() + " instance(s) now run with the new value.");
            return 0;
        }

        /** The rotate request: the new value read from its one source, or a request to generate one. */
        private Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            if (generate) {
                body.put("generate", true);
                body.put("length", length);
            } else {
                ValueSource v = new ValueSource();
                v.file = file;
                v.stdin = stdin;
                body.put("value", v.read());
            }
            return body;
        }

        /**
         * Waits for the redeployed instances, then asks core to settle the rotation: core judges the rollout and
         * reverts a rolled-back one, the same rule the health probe applies when nobody waits (--no-wait, the API,
         * the rotation Lambda). Throws when the rollout failed, saying whether the value was reverted.
         */
        private void awaitAndSettle(ApiClient client, List<String> restarted, Duration wait, PrintWriter out) {
            RolloutWatch.RolloutFailedException failed = null;
            try {
                new RolloutWatch(client, null, restarted, wait, out).await();
            } catch (RolloutWatch.RolloutFailedException e) {
                failed = e;
            }
            JsonNode settled = client.post("/v1/secrets/actions/settle", Map.of("name", name));
            if (settled.path("outcome").asText().equals("REVERTED")) {
                throw new CliException(CliException.FAILED, (failed != null ? failed.getMessage() : "deployment failed and was "
                        + "rolled back: " + settled.path("reason").asText()) + "; AWSCURRENT of " + name + " moved back to version "
                        + settled.path("revertedTo").asText() + " and the instances redeployed with it");
            }
            if (failed != null) {
                throw failed;
            }
        }
    }

    /** {@code secrets delete NAME}. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Schedule a secret's deletion (recovery window 7..30 days, default 30), or delete it at once with --force.")
    static final class DeleteSecret implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--recovery-days", paramLabel = "N", description = "days before it is gone (7..30)")
        Integer days;
        @Option(names = "--force", description = "delete at once, without recovery")
        boolean force;

        @Override
        public Integer call() {
            if (force && days != null) {
                throw new CliException(CliException.INVALID, "give --recovery-days or --force, not both");
            }
            String query = force ? "?force=true" : days != null ? "?recoveryDays=" + days : "";
            JsonNode m = api.client().delete(path(name) + query);
            spec.commandLine().getOut().println(force ? "deleted secret " + name
                    : "secret " + name + " is scheduled for deletion (" + m.path("deletedDate").asText() + "); "
                    + "'quants-infra secrets restore " + name + "' cancels it");
            return 0;
        }
    }

    /** {@code secrets restore NAME}. */
    @Command(name = "restore", mixinStandardHelpOptions = true, description = "Cancel a secret's scheduled deletion.")
    static final class Restore implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            api.client().post("/v1/secrets/actions/restore", Map.of("name", name));
            spec.commandLine().getOut().println("restored secret " + name);
            return 0;
        }
    }
}
