package io.quantsinfra.core.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The differences between two task specs as readable lines, e.g.
 * {@code containers[collector].environment.COLLECTOR_INTERVAL: "5" → "10"}. Long values are summarised.
 */
public final class TaskSpecDiff {
    private static final int MAX_VALUE = 60;

    private TaskSpecDiff() {}

    /** Lines describing how {@code after} differs from {@code before}; {@code before == null} means "new". */
    public static List<String> between(TaskSpec before, TaskSpec after) {
        Map<String, String> a = before == null ? Map.of() : flatten(before);
        Map<String, String> b = flatten(after);
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> lines = new ArrayList<>();
        for (String k : keys) {
            String x = a.get(k);
            String y = b.get(k);
            if (Objects.equals(x, y)) {
                continue;
            }
            if (x == null) {
                lines.add(k + ": + " + shorten(y));
            } else if (y == null) {
                lines.add(k + ": - " + shorten(x));
            } else {
                lines.add(k + ": " + shorten(x) + " → " + shorten(y));
            }
        }
        return lines;
    }

    /** One line describing a new task, e.g. {@code new task: cpu 256, memory 512 MiB, containers collector (quants-lab:latest)}. */
    public static String summary(TaskSpec s) {
        return "new task: cpu " + s.cpu() + ", memory " + s.memory() + " MiB, containers " + String.join(", ",
                s.containers().stream().map(c -> c.name() + " (" + c.image() + ")").toList());
    }

    static Map<String, String> flatten(TaskSpec s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpu", Integer.toString(s.cpu()));
        m.put("memory", Integer.toString(s.memory()));
        m.put("logGroup", s.logGroup());
        m.put("logStreamPrefix", s.logStreamPrefix());
        s.tags().forEach((k, v) -> m.put("tags." + k, v));
        for (TaskSpec.VolumeSpec v : s.volumes()) {
            m.put("volumes[" + v.name() + "]", v.efsFileSystemId() == null ? "task storage"
                    : "efs " + v.efsFileSystemId() + (v.efsAccessPointId() == null ? "" : " ap " + v.efsAccessPointId())
                    + (v.rootDirectory() == null ? "" : " " + v.rootDirectory()));
        }
        for (TaskSpec.ContainerSpec c : s.containers()) {
            String p = "containers[" + c.name() + "].";
            m.put(p + "image", c.image());
            m.put(p + "essential", Boolean.toString(c.essential()));
            m.put(p + "ports", c.ports().toString());
            m.put(p + "memoryReservation", Integer.toString(c.memoryReservation()));
            if (!c.entryPoint().isEmpty()) {
                m.put(p + "entryPoint", String.join(" ", c.entryPoint()));
            }
            if (c.stopTimeoutSeconds() != null) {
                m.put(p + "stopTimeout", c.stopTimeoutSeconds() + " s");
            }
            if (!c.command().isEmpty()) {
                m.put(p + "command", String.join(" ", c.command()));
            }
            c.environment().forEach((k, v) -> m.put(p + "environment." + k, v));
            c.secrets().forEach(se -> m.put(p + "secrets." + se.name(), se.valueFrom()));
            if (c.healthCheck() != null) {
                TaskSpec.HealthCheckSpec h = c.healthCheck();
                m.put(p + "healthCheck", String.join(" ", h.command()) + " every " + h.intervalSeconds() + "s timeout "
                        + h.timeoutSeconds() + "s retries " + h.retries() + " start " + h.startPeriodSeconds() + "s");
            }
            c.mounts().forEach(mt -> m.put(p + "mounts[" + mt.containerPath() + "]",
                    mt.sourceVolume() + (mt.readOnly() ? " (read-only)" : "")));
            c.dependsOn().forEach(d -> m.put(p + "dependsOn[" + d.containerName() + "]", d.condition()));
        }
        return m;
    }

    private static String shorten(String v) {
        String q = "\"" + v.replace("\n", "\\n") + "\"";
        return q.length() <= MAX_VALUE ? q : q.substring(0, MAX_VALUE - 1) + "…\" (" + v.length() + " chars)";
    }
}
