package io.quantsinfra.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Writes the CLI reference page of the docs site ({@code docs/reference/cli.md}) from picocli's own usage help,
 * every command and subcommand, so the page cannot drift from the code: {@code CliReferenceTest} fails when the
 * committed page differs from what this generates.
 *
 * {@snippet :
 * String page = CliReference.markdown();  // or: java -cp quants-infra-cli.jar io.quantsinfra.cli.CliReference docs/reference/cli.md
 * }
 */
public final class CliReference {
    /** Fixed, so the page does not depend on the terminal that generated it. */
    static final int WIDTH = 110;

    private CliReference() {}

    /** The whole page. */
    public static String markdown() {
        StringBuilder md = new StringBuilder("""
                # CLI reference

                <!-- Generated from the picocli command definitions by io.quantsinfra.cli.CliReference; do not edit.
                     Regenerate: ./mvnw -B -ntp -pl functions/cli -am test -Dtest=CliReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dcli.reference.write=true -->

                Every command's `--help`, as the command prints it. The [CLI guide](../cli.md) explains where requests go,
                signing and exit codes; [common issues](../troubleshooting/common-issues.md) lists the error lines.

                """);
        CommandLine root = new CommandLine(new QuantsInfraCli());
        append(md, root, 2);
        return md.toString();
    }

    private static void append(StringBuilder md, CommandLine cmd, int level) {
        cmd.setUsageHelpWidth(WIDTH);
        cmd.setUsageHelpAutoWidth(false);
        String name = cmd.getCommandSpec().qualifiedName(" ");
        md.append("#".repeat(Math.min(level, 4))).append(" `").append(name).append("`\n\n");
        md.append("```text\n").append(cmd.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing()).append("\n```\n\n");
        for (CommandLine sub : cmd.getSubcommands().values().stream().distinct().toList()) {
            if (sub.getCommandSpec().usageMessage().hidden()) {
                continue;
            }
            append(md, sub, level + 1);
        }
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/reference/cli.md");
        Files.writeString(out, markdown(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }
}
