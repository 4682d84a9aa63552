package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantsinfra.cli.config.ConfigFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
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

/**
 * {@code quants-infra alerts config routes test|show}: amtool's {@code config routes} over the applied routing config
 * or a local file (sent to the API and validated there, as {@code config apply} would parse it). The text output is
 * byte for byte amtool's.
 */
@Command(name = "routes", mixinStandardHelpOptions = true, description = "Test and show routing, as amtool config routes does.",
        subcommands = {RoutesCommand.Test.class, RoutesCommand.Show.class})
final class RoutesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code alerts config routes test label=value…}. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Print the receivers a label set reaches (as amtool config routes test); exit 1 when "
                    + "--verify-receivers does not match.")
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(arity = "0..*", paramLabel = "LABEL", description = "name=value or name=\"value\"")
        List<String> labels = new ArrayList<>();
        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "a local routing config instead of the applied one")
        Path file;
        @Option(names = "--verify-receivers", split = ",", paramLabel = "R1,R2",
                description = "the receivers expected, in order; exit 1 when they differ")
        List<String> verify = new ArrayList<>();
        @Option(names = "--tree", description = "also print the routes the labels take")
        boolean tree;
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = Choices.TableFormatConverter.class,
                description = "${COMPLETION-CANDIDATES}: table is amtool\'s text (default ${DEFAULT-VALUE})")
        Choices.TableFormat format;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("labels", labels);
            if (file != null) {
                body.put("config", ConfigFiles.read(file));
            }
            body.put("verifyReceivers", verify);
            body.put("tree", tree);
            JsonNode r = api.client().post("/v1/alerts/config/routes/test", body);
            PrintWriter out = spec.commandLine().getOut();
            out.print(format == Choices.TableFormat.json ? r.toPrettyString() + "\n" : r.path("output").asText());
            out.flush();
            return r.path("verified").asBoolean() ? 0 : 1;
        }
    }

    /** {@code alerts config routes show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the routing tree (as amtool config routes show).")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "a local routing config instead of the applied one")
        Path file;
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = Choices.TableFormatConverter.class,
                description = "${COMPLETION-CANDIDATES}: table is amtool\'s text (default ${DEFAULT-VALUE})")
        Choices.TableFormat format;

        @Override
        public Integer call() {
            JsonNode r = file == null ? api.client().get("/v1/alerts/config/routes")
                    : api.client().post("/v1/alerts/config/routes/show", Map.of("config", ConfigFiles.read(file)));
            PrintWriter out = spec.commandLine().getOut();
            out.print(format == Choices.TableFormat.json ? r.toPrettyString() + "\n" : r.path("output").asText());
            out.flush();
            return 0;
        }
    }
}
