package io.quantsinfra.core.job;

import io.quantsinfra.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A listing filter (seed 002's {@code list_tasks(status=…, priority_min=…, tags=[…])}); every given condition
 * must hold; a job matches {@code tags} when it has all of them. Pages run newest first.
 *
 * {@snippet :
 * JobQuery q = JobQuery.parse("pending", "high", List.of("analysis"), null, 50, null);
 * }
 *
 * @param status only this status, or {@code null}
 * @param minPriority only this priority or higher, or {@code null}
 * @param tags only jobs carrying every one of these
 * @param definition only jobs of this definition, or {@code null}
 * @param limit most jobs in the page (1-{@value JobLimits#MAX_PAGE})
 * @param pageToken the previous page's {@link JobPage#nextPageToken()}, or {@code null} for the first page
 */
public record JobQuery(JobStatus status, JobPriority minPriority, List<String> tags, String definition, int limit,
                       String pageToken) {
    public JobQuery {
        tags = List.copyOf(tags);
    }

    /** Everything, newest first, {@code limit} at a time. */
    public static JobQuery all(int limit) {
        return new JobQuery(null, null, List.of(), null, limit, null);
    }

    /** Validates query parameters as given in a request (any may be {@code null}); every problem at once. */
    public static JobQuery parse(String status, String minPriority, List<String> tags, String definition, Integer limit,
                                 String pageToken) {
        List<InvalidInputException> problems = new ArrayList<>();
        JobStatus s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = JobStatus.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                problems.add(new InvalidInputException("status", "must be one of "
                        + java.util.Arrays.toString(JobStatus.values()).toLowerCase(java.util.Locale.ROOT)));
            }
        }
        JobPriority p = null;
        if (minPriority != null && !minPriority.isBlank()) {
            try {
                p = JobPriority.parse("priority_min", minPriority);
            } catch (InvalidInputException e) {
                problems.add(e);
            }
        }
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > JobLimits.MAX_PAGE) {
            problems.add(new InvalidInputException("limit", "must be between 1 and " + JobLimits.MAX_PAGE + ", got " + n));
        }
        List<String> t = tags == null ? List.of() : tags.stream().filter(x -> x != null && !x.isBlank()).toList();
        if (t.size() > JobLimits.MAX_TAGS) {
            problems.add(new InvalidInputException("tags", "at most " + JobLimits.MAX_TAGS + " tags"));
        }
        if (pageToken != null && (pageToken.length() > 64 || !pageToken.matches("[a-z0-9]+"))) {
            problems.add(new InvalidInputException("page_token", "is not a token this API returned"));
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.of(problems);
        }
        return new JobQuery(s, p, t, definition == null || definition.isBlank() ? null : definition.trim(), n,
                pageToken == null || pageToken.isBlank() ? null : pageToken);
    }

    /** Whether {@code job} passes the filter (the page token aside). */
    public boolean matches(Job job) {
        return (status == null || job.status() == status)
                && (minPriority == null || job.priority().rank() >= minPriority.rank())
                && (definition == null || definition.equals(job.definition()))
                && job.tags().containsAll(tags);
    }
}
