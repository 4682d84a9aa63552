package io.quantsinfra.cli.commands;

import io.quantsinfra.cli.CliException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code quants-infra local} is run by the {@code ./quants-infra} launcher, which starts the emulator and
 * the API; this stands in the help so the command is listed.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Start local mode: the AWS emulator on 127.0.0.1:4566 and the API on 127.0.0.1:8080 (run by ./quants-infra).")
public final class LocalCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CliException(CliException.INVALID, "local mode is started by the launcher: run './quants-infra local' "
                + "from the repository root");
    }
}
