package io.quantsinfra.api.jobs;

import io.quantsinfra.core.logs.LogEvent;
import java.util.List;

/**
 * The tail of one attempt's log stream in the jobs log group (wired to {@code CloudWatchLogStreams}).
 *
 * @param logGroup the jobs log group ({@code <prefix>/jobs})
 * @param reader reads {@code lines} events of a stream of {@code logGroup}, oldest first
 */
public record JobLogs(String logGroup, Reader reader) {
    /** Reads a stream's tail. */
    @FunctionalInterface
    public interface Reader {
        List<LogEvent> tail(String logGroup, String stream, int lines);
    }

    List<LogEvent> tail(String stream, int lines) {
        return reader.tail(logGroup, stream, lines);
    }
}
