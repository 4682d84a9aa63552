package io.quantsinfra.core.logs;

import java.time.Instant;

/**
 * Port: an instance's log lines across all its task streams (running and stopped tasks), merged by time.
 */
public interface LogSource {

    /**
     * The last {@code lines} events of the streams under {@code streamPrefix + "/"} in {@code logGroup},
     * not older than {@code since} (may be {@code null}), oldest first. With a {@code nextToken} from an
     * earlier page, the first {@code lines} events after that page, oldest first.
     */
    LogPage read(String logGroup, String streamPrefix, int lines, Instant since, String nextToken);
}
