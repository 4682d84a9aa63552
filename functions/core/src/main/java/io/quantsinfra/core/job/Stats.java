package io.quantsinfra.core.job;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Computes {@link JobStats} over stored jobs. */
final class Stats {
    private Stats() {}

    static JobStats of(List<Job> jobs) {
        Map<JobStatus, Long> byStatus = new EnumMap<>(JobStatus.class);
        for (JobStatus s : JobStatus.values()) {
            byStatus.put(s, 0L);
        }
        Map<JobPriority, Long> byPriority = new EnumMap<>(JobPriority.class);
        for (JobPriority p : JobPriority.values()) {
            byPriority.put(p, 0L);
        }
        double completionSum = 0;
        long completed = 0;
        Map<String, List<Double>> waits = new HashMap<>();
        Map<String, List<Double>> runs = new HashMap<>();
        Map<String, Long> counts = new TreeMap<>();
        for (Job j : jobs) {
            byStatus.merge(j.status(), 1L, Long::sum);
            byPriority.merge(j.priority(), 1L, Long::sum);
            counts.merge(j.definition(), 1L, Long::sum);
            if (j.status() == JobStatus.COMPLETED && j.finishedAt() != null) {
                completionSum += seconds(java.time.Duration.between(j.createdAt(), j.finishedAt()));
                completed++;
            }
            j.waitTime().ifPresent(d -> waits.computeIfAbsent(j.definition(), k -> new ArrayList<>()).add(seconds(d)));
            j.runTime().ifPresent(d -> runs.computeIfAbsent(j.definition(), k -> new ArrayList<>()).add(seconds(d)));
        }
        Map<String, JobStats.DefinitionStats> defs = new TreeMap<>();
        counts.forEach((name, n) -> defs.put(name, new JobStats.DefinitionStats(n,
                percentile(waits.get(name), 50), percentile(waits.get(name), 95),
                percentile(runs.get(name), 50), percentile(runs.get(name), 95))));
        return new JobStats(jobs.size(), byStatus, byPriority, byStatus.get(JobStatus.EXPIRED),
                completed == 0 ? null : completionSum / completed, defs);
    }

    private static double seconds(java.time.Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** Nearest-rank percentile: the smallest value with at least {@code p} % of the values at or below it. */
    static Double percentile(List<Double> values, int p) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
