package io.quantsinfra.aws.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.logs.LogEvent;
import io.quantsinfra.core.logs.LogPage;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

@ExtendWith(AwsEmulatorExtension.class)
class CloudWatchLogsSourceTest {
    private static final String GROUP = "/quants-infra/data-collector";
    private AwsClients clients;
    private CloudWatchLogsClient logs;
    private CloudWatchLogsSource source;
    private final long t0 = System.currentTimeMillis() - 600_000;

    @BeforeEach
    void prepare(AwsEmulator aws) {
        clients = EmulatedAccount.prepare(aws);
        logs = clients.logs();
        source = new CloudWatchLogsSource(logs);
        put("data-collector-1/collector/old-task", 0, "a", 2, "c");
        put("data-collector-1/collector/new-task", 1, "b", 3, "d");
        put("data-collector-10/collector/other", 4, "not mine");
    }

    @AfterEach
    void close() {
        logs.close();
        clients.close();
    }

    private void put(String stream, Object... offsetAndMessage) {
        if (logs.describeLogStreams(r -> r.logGroupName(GROUP).logStreamNamePrefix(stream)).logStreams().isEmpty()) {
            logs.createLogStream(r -> r.logGroupName(GROUP).logStreamName(stream));
        }
        java.util.List<InputLogEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < offsetAndMessage.length; i += 2) {
            events.add(InputLogEvent.builder().timestamp(t0 + (int) offsetAndMessage[i]).message((String) offsetAndMessage[i + 1]).build());
        }
        logs.putLogEvents(r -> r.logGroupName(GROUP).logStreamName(stream).logEvents(events));
    }

    private static List<String> messages(LogPage page) {
        return page.events().stream().map(LogEvent::message).toList();
    }

    @Test
    void read_mergesAnInstancesStreamsByTime_includingStoppedTasks_andNoOtherInstance() {
        assertEquals(List.of("a", "b", "c", "d"), messages(source.read(GROUP, "data-collector-1", 100, null, null)));
    }

    @Test
    void read_keepsTheLastLines() {
        assertEquals(List.of("c", "d"), messages(source.read(GROUP, "data-collector-1", 2, null, null)));
    }

    @Test
    void read_since_dropsOlderLines() {
        assertEquals(List.of("c", "d"), messages(source.read(GROUP, "data-collector-1", 100, Instant.ofEpochMilli(t0 + 2), null)));
    }

    @Test
    void read_withTheNextToken_returnsOnlyNewLines_evenAtTheSameMillisecond() {
        LogPage first = source.read(GROUP, "data-collector-1", 100, null, null);
        put("data-collector-1/collector/new-task", 3, "d2", 5, "e");

        LogPage next = source.read(GROUP, "data-collector-1", 100, null, first.nextToken());
        LogPage empty = source.read(GROUP, "data-collector-1", 100, null, next.nextToken());

        assertEquals(List.of("d2", "e"), messages(next));
        assertEquals(List.of(), messages(empty));
    }

    @Test
    void read_refusesATokenItDidNotHandOut() {
        assertThrows(InvalidInputException.class, () -> source.read(GROUP, "data-collector-1", 10, null, "%%%"));
    }
}
