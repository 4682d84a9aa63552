package io.quantsinfra.core.logs;

import java.time.Instant;

/** One log line of an instance: when, which task stream, what. */
public record LogEvent(Instant timestamp, String stream, String message) {}
