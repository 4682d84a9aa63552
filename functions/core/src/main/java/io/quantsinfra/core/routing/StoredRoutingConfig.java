package io.quantsinfra.core.routing;

import java.time.Instant;
import java.util.Map;

/** The routing config as stored: the document as applied, its version, when and by whom. */
public record StoredRoutingConfig(long version, Map<String, Object> document, Instant updatedAt, String updatedBy) {}
