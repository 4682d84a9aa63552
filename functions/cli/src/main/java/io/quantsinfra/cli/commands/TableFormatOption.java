package io.quantsinfra.cli.commands;

import picocli.CommandLine.Option;

/**
 * {@code --format table|json} of the commands that print a table, declared once as a picocli mixin.
 *
 * {@snippet :
 * @Mixin
 * TableFormatOption format;
 * // in call():
 * if (format.json()) {
 *     out.println(document.toPrettyString());
 *     return 0;
 * }
 * }
 */
public final class TableFormatOption {
    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = Choices.TableFormatConverter.class,
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    Choices.TableFormat format;

    /** Whether {@code --format json} was asked for: print the API's document instead of the table. */
    boolean json() {
        return format == Choices.TableFormat.json;
    }
}
