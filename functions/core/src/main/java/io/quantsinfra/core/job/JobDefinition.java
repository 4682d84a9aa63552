package io.quantsinfra.core.job;

import io.quantsinfra.core.secret.SecretRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named definition of what a job runs (seed 002's {@code register_handler(name, …)}), registered as the ECS
 * task definition family {@code job-<name>}: one essential container {@value #CONTAINER} on Fargate, logs to
 * the jobs log group with stream prefix {@code <name>}.
 *
 * @param name lowercase letters, digits and hyphens, starting with a letter, at most 48 characters
 * @param preset {@code container}, {@code freqtrade-backtest} or {@code freqtrade-download-data}
 * @param image container image
 * @param entryPoint replaces the image's entry point; empty keeps it
 * @param command the container command; the payload is in {@value JobLimits#PAYLOAD_VARIABLE}
 * @param cpu Fargate cpu units
 * @param memory MiB, a Fargate-valid pair with cpu
 * @param environment plain variables (never secrets: a literal secret-looking value is refused)
 * @param secrets variable name → secret reference, filled by ECS from Secrets Manager
 * @param timeout default attempt timeout of its jobs
 * @param maxRetries default max_retries of its jobs
 * @param taskDefinitionArn the registered revision its jobs run
 * @param createdAt first defined
 * @param updatedAt last (re)defined
 */
public record JobDefinition(
        String name,
        String preset,
        String image,
        List<String> entryPoint,
        List<String> command,
        int cpu,
        int memory,
        Map<String, String> environment,
        Map<String, SecretRef> secrets,
        Duration timeout,
        int maxRetries,
        String taskDefinitionArn,
        Instant createdAt,
        Instant updatedAt) {

    /** The job container's name in every job task definition. */
    public static final String CONTAINER = "job";

    public JobDefinition {
        entryPoint = List.copyOf(entryPoint);
        command = List.copyOf(command);
        environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
        secrets = java.util.Collections.unmodifiableMap(new TreeMap<>(secrets));
    }

    /** The ECS task definition family: {@code job-<name>}. */
    public String family() {
        return family(name);
    }

    /** The ECS task definition family of definition {@code name}. */
    public static String family(String name) {
        return "job-" + name;
    }
}
