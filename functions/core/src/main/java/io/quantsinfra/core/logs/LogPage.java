package io.quantsinfra.core.logs;

import java.util.List;

/**
 * Log lines of an instance, oldest first, and the token to ask for lines after them ({@code --follow}).
 */
public record LogPage(List<LogEvent> events, String nextToken) {
    public LogPage {
        events = List.copyOf(events);
    }
}
