package io.quantsinfra.core.job;

/**
 * Limits a job document is checked against before anything is stored or sent to AWS, and why each is what it
 * is.
 */
public final class JobLimits {
    /** The environment variable the container finds its payload in (canonical JSON). */
    public static final String PAYLOAD_VARIABLE = "QUANTS_INFRA_JOB_PAYLOAD";
    /** The environment variable carrying the job id. */
    public static final String JOB_ID_VARIABLE = "QUANTS_INFRA_JOB_ID";
    /** The environment variable carrying the attempt number. */
    public static final String ATTEMPT_VARIABLE = "QUANTS_INFRA_JOB_ATTEMPT";
    /**
     * Largest payload, in UTF-8 bytes of its canonical JSON: 6 KiB. RunTask refuses overrides over 8 KiB in
     * total (container name, the three variables with their names, JSON punctuation and escaping); 6 KiB leaves
     * room for all of that. Larger inputs belong in S3 or the collector's EFS, named in the payload.
     */
    public static final int MAX_PAYLOAD_BYTES = 6 * 1024;
    /**
     * Most dependencies of one job: 1,000. Each is an id of 26 characters stored twice in the job item (depends_on
     * and blocked_by), about 60 KB of DynamoDB's 400 KB item, with room for the payload and 50 attempts. AWS
     * Batch's cap is 20; a fan-in of a thousand is more than a team publishes.
     */
    public static final int MAX_DEPENDENCIES = 1000;
    /** Most jobs in one publish: 100, so that validating and storing them stays well inside API Gateway's 30 s. */
    public static final int MAX_JOBS_PER_PUBLISH = 100;
    /** Most tags per job, and the longest tag. */
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG_LENGTH = 64;
    /** Largest max_retries: 10 (with backoff capped at 15 minutes, about two hours of retrying). */
    public static final int MAX_RETRIES = 10;
    /** Attempts kept per job; older ones are dropped from the item (its size stays bounded across manual retries). */
    public static final int MAX_ATTEMPTS_KEPT = 50;
    /** Longest timeout of one attempt: 7 days (Fargate has no limit of its own; a forgotten job should end). */
    public static final long MAX_TIMEOUT_SECONDS = 7L * 24 * 3600;
    /** Longest expires_in: 30 days. */
    public static final long MAX_EXPIRES_IN_SECONDS = 30L * 24 * 3600;
    /** Longest idempotency key. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;
    /** Longest stored reason text (stopped reasons, failure causes); longer ones are cut with an ellipsis. */
    public static final int MAX_REASON_LENGTH = 512;
    /** Most jobs in a list page. */
    public static final int MAX_PAGE = 500;

    /** Jobs in a list page when the request names no limit. */
    public static final int DEFAULT_PAGE = 20;
    /** Age of finished jobs a cleanup removes when the request names none: 168 hours, one week of history kept. */
    public static final long DEFAULT_CLEANUP_HOURS = 168;
    /** Oldest age a cleanup may be asked for: 365 days. */
    public static final long MAX_CLEANUP_HOURS = 365L * 24;
    /** Log lines of an attempt when the request names no count. */
    public static final int DEFAULT_LOG_LINES = 100;
    /** Most log lines of an attempt in one response: 10,000 (one GetLogEvents page holds at most 10,000 events). */
    public static final int MAX_LOG_LINES = 10_000;

    private JobLimits() {}

    /** The page size a request asked for, or {@link #DEFAULT_PAGE}; the range is checked where the page is read. */
    public static int page(Integer requested) {
        return requested == null ? DEFAULT_PAGE : requested;
    }

    /**
     * The age a cleanup removes finished jobs older than: {@code hours} as the request gave it (null for the
     * default), a whole number 1..{@value #MAX_CLEANUP_HOURS}; InvalidInputException on field olderThanHours otherwise.
     */
    public static java.time.Duration cleanupAge(Object hours) {
        Object h = hours == null ? DEFAULT_CLEANUP_HOURS : hours;
        if (!(h instanceof Number n) || n.longValue() != n.doubleValue() || n.longValue() < 1 || n.longValue() > MAX_CLEANUP_HOURS) {
            throw new io.quantsinfra.core.error.InvalidInputException("olderThanHours",
                    "must be a whole number of hours, 1 to " + MAX_CLEANUP_HOURS);
        }
        return java.time.Duration.ofHours(n.longValue());
    }

    /** The log lines a request asked for, or {@link #DEFAULT_LOG_LINES}; InvalidInputException on field lines outside 1..{@value #MAX_LOG_LINES}. */
    public static int logLines(Integer requested) {
        int n = requested == null ? DEFAULT_LOG_LINES : requested;
        if (n < 1 || n > MAX_LOG_LINES) {
            throw new io.quantsinfra.core.error.InvalidInputException("lines", "must be between 1 and " + MAX_LOG_LINES + ", got " + n);
        }
        return n;
    }

    /** {@code text} cut to {@link #MAX_REASON_LENGTH} characters. */
    public static String reason(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }
}
