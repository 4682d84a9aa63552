package io.quantsinfra.core.notify;

/**
 * How one delivery attempt went. {@code retryable} failures (timeouts, connection errors, 429, 5xx) may
 * succeed later or elsewhere; permanent ones (other 4xx, bad config) will not succeed by trying again.
 *
 * @param status the HTTP status, or 0 when there was none
 */
public record Attempt(boolean ok, boolean retryable, int status, String error) {
    public static Attempt success(int status) {
        return new Attempt(true, false, status, null);
    }

    public static Attempt retryable(int status, String error) {
        return new Attempt(false, true, status, error);
    }

    public static Attempt permanent(int status, String error) {
        return new Attempt(false, false, status, error);
    }
}
