package io.quantsinfra.core.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Input that can never succeed as given; {@code field} is the JSON path of the offending value, when there is one.
 * A document with several problems gives one exception carrying them all ({@link #of}), so a user fixes
 * every problem in one go instead of retrying key by key.
 *
 * {@snippet :
 * throw InvalidInputException.of(List.of(new InvalidInputException("a", "is required"),
 *         new InvalidInputException("b", "expected an integer"))); // "2 problems:\n  a: is required\n  b: ..."
 * }
 */
public sealed class InvalidInputException extends QuantsInfraException permits LiteralSecretException {
    /** Most problems kept in one exception (a list of 1000 bad pairs would otherwise make a huge response). */
    static final int MAX_PROBLEMS = 100;

    private final String field;
    private final String reason;
    private final List<InvalidInputException> parts;
    private final int omitted;

    public InvalidInputException(String message) {
        this(null, message);
    }

    public InvalidInputException(String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
        this.reason = message;
        this.parts = List.of();
        this.omitted = 0;
    }

    private InvalidInputException(List<InvalidInputException> parts, int omitted) {
        super(summary(parts, omitted));
        this.field = null;
        this.reason = getMessage();
        this.parts = List.copyOf(parts);
        this.omitted = omitted;
    }

    /**
     * One exception for every problem in {@code problems} (each flattened into its single problems): the
     * problem itself when there is exactly one, so its type ({@link LiteralSecretException}) and field stay.
     */
    public static InvalidInputException of(Collection<? extends InvalidInputException> problems) {
        List<InvalidInputException> flat = new ArrayList<>();
        int omitted = 0;
        for (InvalidInputException p : problems) {
            omitted += p.omitted;
            for (InvalidInputException single : p.singles()) {
                if (flat.size() < MAX_PROBLEMS) {
                    flat.add(single);
                } else {
                    omitted++;
                }
            }
        }
        if (flat.isEmpty()) {
            throw new IllegalArgumentException("no problems to report");
        }
        return flat.size() == 1 && omitted == 0 ? flat.getFirst() : new InvalidInputException(flat, omitted);
    }

    /** JSON path of the offending value, or {@code null} (also when there are several problems). */
    public String field() {
        return field;
    }

    /** Every problem, in document order: one for a single-problem exception. */
    public List<Problem> problems() {
        return singles().stream().map(p -> new Problem(p.field, p.reason)).toList();
    }

    /** The single-problem exceptions this one carries (itself when it is one), e.g. to find literal secrets. */
    public List<InvalidInputException> singles() {
        return parts.isEmpty() ? List.of(this) : parts;
    }

    /** Problems left out of {@link #problems()} beyond {@value #MAX_PROBLEMS}. */
    public int omitted() {
        return omitted;
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }

    /** One problem: the JSON path ({@code null} for the whole document or request) and what is wrong there. */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field == null ? message : field + ": " + message;
        }
    }

    /** A first summary line, then one problem per line (the CLI prints the message as it is). */
    private static String summary(List<InvalidInputException> parts, int omitted) {
        StringBuilder out = new StringBuilder().append(parts.size() + omitted).append(" problems:");
        for (InvalidInputException p : parts) {
            out.append("\n  ").append(p.getMessage());
        }
        if (omitted > 0) {
            out.append("\n  … and ").append(omitted).append(" more");
        }
        return out.toString();
    }
}
