package io.quantsinfra.core.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated service config with defaults filled in: the document as stored in deployment history
 * and compared between deploys. Secret references stay references ({@code {"secretRef": ...}}).
 *
 * @param service catalogue name
 * @param values the normalized document (maps, lists, strings, numbers, booleans)
 */
public record ServiceConfig(String service, Map<String, Object> values) {
    public ServiceConfig {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
