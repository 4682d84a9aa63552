package io.quantsinfra.aws.logs;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.logs.LogEvent;
import io.quantsinfra.core.logs.LogPage;
import io.quantsinfra.core.logs.LogSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/**
 * An instance's logs from CloudWatch Logs: FilterLogEvents over the streams named
 * {@code <instance>/...} (awslogs names them {@code prefix/container/task-id}), which covers the streams of
 * stopped tasks too, merged by time. The {@code nextToken} handed out is this adapter's own: the timestamp
 * and event id of the last event returned, so a follow never repeats or skips a line.
 */
public final class CloudWatchLogsSource implements LogSource {
    private static final int MAX_SCAN_PAGES = 200;
    private static final int MAX_STREAMS = 50;
    private final CloudWatchLogsClient logs;

    public CloudWatchLogsSource(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    @Override
    public LogPage read(String logGroup, String streamPrefix, int lines, Instant since, String nextToken) {
        Cursor after = nextToken == null || nextToken.isBlank() ? null : Cursor.decode(nextToken);
        List<FilteredLogEvent> events = after == null && since == null
                ? tailOfStreams(logGroup, streamPrefix, lines)
                : filtered(logGroup, streamPrefix, after != null ? after.timestamp : since.toEpochMilli());
        events.sort(ORDER);
        if (after != null) {
            events = dropThrough(events, after);
        }
        // A first page is the newest lines; a page after a token is the oldest new lines, so a follow
        // that falls behind catches up page by page without skipping any.
        List<FilteredLogEvent> tail = events.size() <= lines ? events
                : after != null ? events.subList(0, lines) : events.subList(events.size() - lines, events.size());
        List<LogEvent> out = tail.stream().map(e -> new LogEvent(Instant.ofEpochMilli(e.timestamp()),
                e.logStreamName(), e.message())).toList();
        String next;
        if (!tail.isEmpty()) {
            next = new Cursor(tail.getLast().timestamp(), key(tail.getLast())).encode();
        } else if (after != null) {
            next = nextToken;
        } else {
            next = new Cursor(since != null ? since.toEpochMilli() : 0L, "").encode();
        }
        return new LogPage(out, next);
    }

    private static final Comparator<FilteredLogEvent> ORDER = Comparator.comparing(FilteredLogEvent::timestamp)
            .thenComparing(FilteredLogEvent::ingestionTime, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(CloudWatchLogsSource::key);

    /** The instance's streams, newest first. */
    private List<LogStream> streams(String logGroup, String streamPrefix) {
        List<LogStream> streams = new ArrayList<>();
        AwsErrors.call("list log streams of " + streamPrefix + " in " + logGroup, () -> {
            logs.describeLogStreamsPaginator(r -> r.logGroupName(logGroup).logStreamNamePrefix(streamPrefix + "/"))
                    .logStreams().forEach(streams::add);
            return null;
        });
        streams.sort(Comparator.comparing((LogStream st) -> st.lastEventTimestamp() == null ? 0L : st.lastEventTimestamp())
                .reversed());
        return streams;
    }

    /** The last {@code lines} events of each of the newest streams under the prefix: one call per stream, no scan. */
    private List<FilteredLogEvent> tailOfStreams(String logGroup, String streamPrefix, int lines) {
        List<LogStream> streams = streams(logGroup, streamPrefix);
        List<FilteredLogEvent> events = new ArrayList<>();
        for (LogStream st : streams.subList(0, Math.min(MAX_STREAMS, streams.size()))) {
            List<OutputLogEvent> got = AwsErrors.call("read log stream " + st.logStreamName(), () -> logs.getLogEvents(r -> r
                    .logGroupName(logGroup).logStreamName(st.logStreamName()).startFromHead(false)
                    .limit(Math.min(lines, 10_000))).events());
            for (OutputLogEvent e : got) {
                events.add(FilteredLogEvent.builder().logStreamName(st.logStreamName()).timestamp(e.timestamp())
                        .ingestionTime(e.ingestionTime()).message(e.message()).build());
            }
        }
        return events;
    }

    /**
     * Every event from {@code startMillis} on, across the prefix's newest 100 streams (bounded number of pages).
     * The streams are named explicitly: FilterLogEvents takes at most 100 names, and the emulator ignores
     * {@code logStreamNamePrefix}.
     */
    private List<FilteredLogEvent> filtered(String logGroup, String streamPrefix, long startMillis) {
        List<String> names = streams(logGroup, streamPrefix).stream().limit(100).map(LogStream::logStreamName).toList();
        List<FilteredLogEvent> events = new ArrayList<>();
        if (names.isEmpty()) {
            return events;
        }
        String token = null;
        int pages = 0;
        do {
            String pageToken = token;
            FilterLogEventsResponse page = AwsErrors.call("read logs of " + streamPrefix + " from " + logGroup,
                    () -> logs.filterLogEvents(FilterLogEventsRequest.builder().logGroupName(logGroup)
                            .logStreamNames(names).startTime(startMillis).nextToken(pageToken).build()));
            events.addAll(page.events());
            token = page.nextToken();
            pages++;
        } while (token != null && pages < MAX_SCAN_PAGES);
        return events;
    }

    private static List<FilteredLogEvent> dropThrough(List<FilteredLogEvent> events, Cursor after) {
        List<FilteredLogEvent> kept = new ArrayList<>();
        boolean seen = after.lastKey.isEmpty();
        for (FilteredLogEvent e : events) {
            if (e.timestamp() > after.timestamp) {
                kept.add(e);
            } else if (e.timestamp() == after.timestamp) {
                if (seen) {
                    kept.add(e);
                } else if (key(e).equals(after.lastKey)) {
                    seen = true;
                }
            }
        }
        return kept;
    }

    private static String key(FilteredLogEvent e) {
        // Not eventId: the tail path reads GetLogEvents, which has none, and a follow must recognise its last line.
        return e.logStreamName() + "@" + e.timestamp() + "#" + Integer.toHexString(e.message().hashCode());
    }

    /** Where a follow continues: after the event with this key at this time. */
    private record Cursor(long timestamp, String lastKey) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((timestamp + "|" + lastKey).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        }

        static Cursor decode(String token) {
            try {
                String s = new String(Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.UTF_8);
                int bar = s.indexOf('|');
                return new Cursor(Long.parseLong(s.substring(0, bar)), s.substring(bar + 1));
            } catch (RuntimeException e) {
                throw new InvalidInputException("nextToken", "not a token this API handed out");
            }
        }
    }
}
