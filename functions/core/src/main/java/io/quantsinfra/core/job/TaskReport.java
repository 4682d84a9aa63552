package io.quantsinfra.core.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What ECS says of one job task, from a "ECS Task State Change" EventBridge event ({@link #fromEvent}) or from
 * DescribeTasks (the {@link JobRunner} adapter): the job container's exit code and reason, and the task's.
 *
 * @param taskArn the task
 * @param startedBy RunTask's {@code startedBy}: {@code job/<jobId>/<attempt>} for a job task
 * @param lastStatus ECS's lastStatus (PROVISIONING … RUNNING … STOPPED); {@code MISSING} when DescribeTasks no longer
 *     knows the task
 * @param stopCode ECS's stopCode (EssentialContainerExited, TaskFailedToStart, UserInitiated…), or {@code null}
 * @param stoppedReason ECS's stoppedReason, or {@code null}
 * @param exitCode the job container's exit code, or {@code null} when it did not run to an exit
 * @param containerReason the job container's reason (e.g. CannotPullContainerError), or {@code null}
 * @param startedAt when the task started, or {@code null}
 * @param stoppedAt when it stopped, or {@code null}
 */
public record TaskReport(String taskArn, String startedBy, String lastStatus, String stopCode, String stoppedReason,
                         Integer exitCode, String containerReason, Instant startedAt, Instant stoppedAt) {

    /** The status DescribeTasks reports as a failure for a task ARN it does not know. */
    public static final String MISSING = "MISSING";

    /** The job id and attempt number {@link #startedBy()} names, if it is a job task's. */
    public Optional<JobAttemptRef> attemptRef() {
        if (startedBy == null || !startedBy.startsWith("job/")) {
            return Optional.empty();
        }
        String[] parts = startedBy.split("/");
        if (parts.length != 3 || !parts[1].matches("[a-z0-9]{1,64}") || !parts[2].matches("[1-9][0-9]{0,5}")) {
            return Optional.empty();
        }
        return Optional.of(new JobAttemptRef(parts[1], Integer.parseInt(parts[2])));
    }

    /** Whether the task has stopped (or is gone). */
    public boolean stopped() {
        return "STOPPED".equals(lastStatus) || MISSING.equals(lastStatus) || "DELETED".equals(lastStatus);
    }

    /** The ECS task id: the last segment of its ARN. */
    public String taskId() {
        return taskArn == null ? null : taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    /** A job id and attempt number. */
    public record JobAttemptRef(String jobId, int attempt) {}

    /**
     * Reads an EventBridge "ECS Task State Change" event, as parsed from its JSON into maps and lists (the
     * handler does {@code objectMapper.readValue(body, Map.class)}). The job container is the one named
     * {@value JobDefinition#CONTAINER}. Events of other kinds give a report with {@code null} fields.
     */
    @SuppressWarnings("unchecked")
    public static TaskReport fromEvent(Map<String, Object> event) {
        Object d = event.get("detail");
        Map<String, Object> detail = d instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Integer exit = null;
        String containerReason = null;
        if (detail.get("containers") instanceof List<?> containers) {
            for (Object c : containers) {
                if (c instanceof Map<?, ?> cm && JobDefinition.CONTAINER.equals(cm.get("name"))) {
                    exit = cm.get("exitCode") instanceof Number n ? n.intValue() : null;
                    containerReason = cm.get("reason") instanceof String s ? s : null;
                }
            }
        }
        return new TaskReport(text(detail, "taskArn"), text(detail, "startedBy"), text(detail, "lastStatus"),
                text(detail, "stopCode"), text(detail, "stoppedReason"), exit, containerReason,
                time(detail, "startedAt"), time(detail, "stoppedAt"));
    }

    private static String text(Map<String, Object> m, String key) {
        return m.get(key) instanceof String s ? s : null;
    }

    private static Instant time(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof String s)) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
