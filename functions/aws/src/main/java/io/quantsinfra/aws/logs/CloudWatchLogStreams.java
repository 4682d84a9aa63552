package io.quantsinfra.aws.logs;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.logs.LogEvent;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * The tail of one known log stream (a job attempt's: {@code <definition>/job/<task-id>}), one GetLogEvents call.
 * {@link CloudWatchLogsSource} reads every stream under an instance's prefix, which for a job would be every
 * attempt of every job of the definition; an attempt names its own stream, so it is read directly.
 */
public final class CloudWatchLogStreams {
    private final CloudWatchLogsClient logs;

    public CloudWatchLogStreams(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    /** The last {@code lines} (1-10,000) events of {@code stream}, oldest first; empty when the stream does not exist (yet). */
    public List<LogEvent> tail(String logGroup, String stream, int lines) {
        return AwsErrors.call("read log stream " + stream + " of " + logGroup, () -> {
            try {
                return logs.getLogEvents(r -> r.logGroupName(logGroup).logStreamName(stream).startFromHead(false)
                        .limit(Math.min(lines, 10_000))).events().stream()
                        .map(e -> new LogEvent(Instant.ofEpochMilli(e.timestamp()), stream, e.message())).toList();
            } catch (ResourceNotFoundException e) {
                return List.<LogEvent>of();
            }
        });
    }
}
