package io.quantsinfra.cli.commands;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The CLI's closed option sets, as enums: picocli parses them, lists them as completion candidates
 * ({@code ${COMPLETION-CANDIDATES}} in the usage help) and refuses any other word while parsing, with the message
 * the commands give: {@code --format must be table or json, got 'xml'}.
 *
 * {@snippet :
 * @Option(names = "--format", defaultValue = "yaml", converter = Choices.DocumentFormatConverter.class,
 *         description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
 * Choices.DocumentFormat format;
 * }
 *
 * <p>Commands that print a table take {@code --format table|json} through the {@link TableFormatOption} mixin.
 */
public final class Choices {
    private Choices() {}

    // The constants are the command line's own words (lowercase): picocli matches values and lists candidates by
    // constant name, and the commands send the word on to the API as it is.

    /** {@code --format} of commands that print a table. */
    enum TableFormat { table, json }

    /** {@code --format} of commands that print a stored document. */
    enum DocumentFormat { yaml, json }

    /** {@code manage --action}. */
    enum Action { start, stop, restart }

    /** A word outside an option's set; {@code QuantsInfraCli} prints its message as the one error line. */
    public static final class Refused extends TypeConversionException {
        Refused(String message) {
            super(message);
        }
    }

    /** Converts a word to one of {@code type}'s constants, or refuses it naming the option and the set. */
    abstract static class Converter<E extends Enum<E>> implements ITypeConverter<E> {
        private final Class<E> type;
        private final String option;

        Converter(Class<E> type, String option) {
            this.type = type;
            this.option = option;
        }

        @Override
        public E convert(String value) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(value)) {
                    return e;
                }
            }
            throw new Refused(option + " must be " + oneOf(type) + ", got '" + value + "'");
        }

        private static String oneOf(Class<? extends Enum<?>> type) {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            return names.size() == 1 ? names.getFirst()
                    : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
        }
    }

    static final class TableFormatConverter extends Converter<TableFormat> {
        TableFormatConverter() {
            super(TableFormat.class, "--format");
        }
    }

    static final class DocumentFormatConverter extends Converter<DocumentFormat> {
        DocumentFormatConverter() {
            super(DocumentFormat.class, "--format");
        }
    }

    static final class ActionConverter extends Converter<Action> {
        ActionConverter() {
            super(Action.class, "--action");
        }
    }
}
