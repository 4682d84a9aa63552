package io.quantsinfra.core.rule;

import java.time.Instant;
import java.util.Map;

/** A rule file as stored: the document as applied, its version (1, 2, ...), when and by whom. */
public record StoredRuleFile(String name, long version, Map<String, Object> document, Instant updatedAt, String updatedBy) {}
