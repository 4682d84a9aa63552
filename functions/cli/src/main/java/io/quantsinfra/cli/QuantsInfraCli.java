package io.quantsinfra.cli;

import io.quantsinfra.cli.commands.AlertsCommand;
import io.quantsinfra.cli.commands.DeployCommand;
import io.quantsinfra.cli.commands.DestroyCommand;
import io.quantsinfra.cli.commands.HistoryCommand;
import io.quantsinfra.cli.commands.JobsCommand;
import io.quantsinfra.cli.commands.LocalCommand;
import io.quantsinfra.cli.commands.LogsCommand;
import io.quantsinfra.cli.commands.ManageCommand;
import io.quantsinfra.cli.commands.ScaleCommand;
import io.quantsinfra.cli.commands.ScrapeTargetCommand;
import io.quantsinfra.cli.commands.SecretsCommand;
import io.quantsinfra.cli.commands.StatusCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code quants-infra}: deploy and operate services through the quants-infra API.
 *
 * {@snippet :
 * int exit = QuantsInfraCli.run(new String[] {"status", "--format", "json"}, out, err);
 * }
 */
@Command(name = "quants-infra", mixinStandardHelpOptions = true, version = "quants-infra 0.1.0",
        description = "Deploy and operate Freqtrade bots, market-data collectors and the monitor on ECS Fargate.",
        subcommands = {DeployCommand.class, StatusCommand.class, LogsCommand.class, ScaleCommand.class,
                ManageCommand.class, DestroyCommand.class, HistoryCommand.class, ScrapeTargetCommand.class, SecretsCommand.class, LocalCommand.class,
                AlertsCommand.class, JobsCommand.class})
public final class QuantsInfraCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }

    /** Runs one command line, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)} with an explicit environment (tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err, java.util.Map<String, String> env) {
        CommandLine cli = new CommandLine(new QuantsInfraCli(), new EnvironmentFactory(env));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException c) {
                err.println("error: " + c.getMessage());
                err.flush();
                return c.exitCode();
            }
            err.println("error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
            err.flush();
            return CliException.FAILED;
        });
        cli.setParameterExceptionHandler((e, parseArgs) -> {
            err.println("error: " + firstLine(e.getMessage()) + " (see '" + e.getCommandLine().getCommandName() + " --help')");
            err.flush();
            return CliException.INVALID;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("").trim();
    }

    /** Creates commands with the environment they should read (endpoint, region, user). */
    private record EnvironmentFactory(java.util.Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K k = CommandLine.defaultFactory().create(cls);
            if (k instanceof EnvironmentAware aware) {
                aware.environment(env);
            }
            return k;
        }
    }

    /** Commands that read the environment get it injected rather than calling System.getenv. */
    public interface EnvironmentAware {
        void environment(java.util.Map<String, String> env);
    }
}
