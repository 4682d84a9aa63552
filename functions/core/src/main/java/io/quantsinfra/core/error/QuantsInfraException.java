package io.quantsinfra.core.error;

/**
 * The one unchecked exception base of quants-infra. Each subclass names a failure and maps
 * once to an HTTP status at the API edge and to an exit code in the CLI.
 *
 * <p>Messages are for people: they name the field, instance or resource, and never carry a
 * secret value.
 */
public abstract class QuantsInfraException extends RuntimeException {

    protected QuantsInfraException(String message) {
        super(message);
    }

    protected QuantsInfraException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The kind of failure, which decides the HTTP status and the CLI exit code. */
    public abstract Kind kind();

    /** Closed set of failure kinds (seed 000's ValueError, FileNotFoundError, ConnectionError, TimeoutError, plus conflicts). */
    public enum Kind {
        /** Bad input: 400, exit 2. */
        INVALID(400, 2, "invalid-input"),
        /** Something named does not exist: 404, exit 3. */
        NOT_FOUND(404, 3, "not-found"),
        /** The request conflicts with current state or needs confirmation: 409, exit 2. */
        CONFLICT(409, 2, "conflict"),
        /** An upstream (AWS or a probed endpoint) failed or could not be reached: 502, exit 4. */
        UPSTREAM(502, 4, "upstream-failure"),
        /** An operation took longer than allowed: 504, exit 5. */
        TIMEOUT(504, 5, "timeout"),
        /** A deployment was started but did not succeed (e.g. circuit-breaker rollback): 502, exit 1. */
        DEPLOYMENT_FAILED(502, 1, "deployment-failed");

        private final int httpStatus;
        private final int exitCode;
        private final String slug;

        Kind(int httpStatus, int exitCode, String slug) {
            this.httpStatus = httpStatus;
            this.exitCode = exitCode;
            this.slug = slug;
        }

        public int httpStatus() {
            return httpStatus;
        }

        public int exitCode() {
            return exitCode;
        }

        /** Stable identifier used in problem+json {@code type} URIs. */
        public String slug() {
            return slug;
        }
    }
}
