package io.quantsinfra.core.alerting;

/**
 * One receiver endpoint as {@code GET /v1/alerts/receivers} lists it: configuration (type, strategy, priority, rate
 * limit) and what it did (attempts, successes, failures, rate-limited, success rate and average latency —
 * {@code null} before the first attempt — and the last answer). {@code status} is {@code unused}, {@code active},
 * {@code failing} or {@code rate_limited}.
 */
public record EndpointView(String receiver, String endpoint, String type, String strategy, int priority,
                           int rateLimitPerMinute, int usedThisMinute, long attempts, long successes, long failures,
                           long rateLimited, Double successRate, Double averageLatencyMs, String status,
                           Integer lastStatus, String lastError, String lastAt) {}
