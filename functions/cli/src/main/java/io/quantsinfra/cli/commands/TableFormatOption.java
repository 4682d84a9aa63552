package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --format table|json} of the commands that print a table, declared once as a picocli mixin.
 *
 * {@snippet :
 * @Mixin
 * TableFormatOption format;
 * // in call():
 * if (format.printedAsJson(document, out)) {
 *     return 0;
 * }
 * // print the table
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

    /** With {@code --format json}, prints {@code document} indented and answers true; otherwise prints nothing. */
    boolean printedAsJson(JsonNode document, PrintWriter out) {
        if (json()) {
            out.println(document.toPrettyString());
        }
        return json();
    }
}
