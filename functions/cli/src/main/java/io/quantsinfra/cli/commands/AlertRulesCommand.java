package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantsinfra.cli.config.ConfigFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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

/** {@code quants-infra alerts rules apply|list|get|delete}: Prometheus rule files. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Prometheus rule files.",
        subcommands = {AlertRulesCommand.Apply.class, AlertRulesCommand.ListFiles.class, AlertRulesCommand.Get.class, AlertRulesCommand.Remove.class})
final class AlertRulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Validate and store a rule file (YAML or JSON); a change makes a new version.")
    static final class Apply implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "Prometheus rule file")
        Path file;
        @Option(names = "--name", paramLabel = "NAME", description = "name to store it under (default: the file name without extension)")
        String name;

        @Override
        public Integer call() {
            Map<String, Object> doc = ConfigFiles.read(file);
            String n = name != null ? name : file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "")
                    .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
            JsonNode r = api.client().put("/v1/alerts/rules/" + Paths.segment(n), doc);
            PrintWriter out = spec.commandLine().getOut();
            out.println("rule file " + r.path("name").asText() + (r.path("unchanged").asBoolean() ? " unchanged at" : " stored as")
                    + " version " + r.path("version").asLong() + ": " + r.path("groups").asInt() + " group(s), "
                    + r.path("rules").asInt() + " rule(s)");
            r.path("warnings").forEach(w -> out.println("warning: " + w.asText()));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List rule files.")
    static final class ListFiles implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Mixin
        TableFormatOption format;

        @Override
        public Integer call() {
            JsonNode r = api.client().get("/v1/alerts/rules");
            PrintWriter out = spec.commandLine().getOut();
            if (format.printedAsJson(r, out)) {
                return 0;
            }
            Table t = new Table("NAME", "VERSION", "GROUPS", "RULES", "UPDATED", "BY", "ALERTS");
            r.path("files").forEach(f -> {
                List<String> alerts = new ArrayList<>();
                f.path("alerts").forEach(a -> alerts.add(a.asText()));
                t.row(f.path("name").asText(), f.path("version").asText(), f.path("groups").asText(), f.path("rules").asText(),
                        f.path("updatedAt").asText(), f.path("updatedBy").asText(), String.join(",", alerts));
            });
            if (t.isEmpty()) {
                out.println("No rule files. Apply one with 'quants-infra alerts rules apply -f docs/rules/default-rules.yml'.");
            } else {
                t.print(out);
            }
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print a rule file as stored (YAML).")
    static final class Get implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(paramLabel = "NAME", description = "rule file name")
        String name;
        @Option(names = "--format", defaultValue = "yaml", paramLabel = "FORMAT", converter = Choices.DocumentFormatConverter.class,
                description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
        Choices.DocumentFormat format;

        @Override
        public Integer call() throws Exception {
            JsonNode r = api.client().get("/v1/alerts/rules/" + Paths.segment(name));
            PrintWriter out = spec.commandLine().getOut();
            if (format == Choices.DocumentFormat.json) {
                out.println(r.toPrettyString());
            } else {
                out.println("# " + r.path("name").asText() + " version " + r.path("version").asText() + ", by "
                        + r.path("updatedBy").asText() + " at " + r.path("updatedAt").asText());
                out.print(Yaml.write(r.path("document")));
            }
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a rule file.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(paramLabel = "NAME", description = "rule file name")
        String name;

        @Override
        public Integer call() {
            api.client().delete("/v1/alerts/rules/" + Paths.segment(name));
            spec.commandLine().getOut().println("deleted rule file " + name);
            return 0;
        }
    }
}
