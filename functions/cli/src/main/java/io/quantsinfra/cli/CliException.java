package io.quantsinfra.cli;

/**
 * A failure the CLI reports as one line on stderr with an exit code: 2 bad input, 3 not found,
 * 4 cannot connect / upstream failed, 5 timed out, 1 anything else (e.g. a rolled-back deployment).
 */
public class CliException extends RuntimeException {
    public static final int INVALID = 2;
    public static final int NOT_FOUND = 3;
    public static final int CONNECTION = 4;
    public static final int TIMEOUT = 5;
    public static final int FAILED = 1;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
