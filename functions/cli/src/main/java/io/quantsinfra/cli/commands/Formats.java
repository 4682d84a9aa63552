package io.quantsinfra.cli.commands;

import io.quantsinfra.cli.CliException;
import java.util.List;

/** The {@code --format} values every listing command takes. */
final class Formats {
    private Formats() {}

    /** Refuses anything but {@code table} or {@code json}, naming the option. */
    static void check(String format) {
        if (!List.of("table", "json").contains(format)) {
            throw new CliException(CliException.INVALID, "--format must be table or json, got '" + format + "'");
        }
    }
}
