package io.quantsinfra.scheduled;

import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON log line: {@code {"level": ..., "message": ..., ...}} on stdout, which Lambda ships to CloudWatch Logs. */
final class Json {
    private Json() {}

    static String line(String kind, Object payload) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", kind.equals("error") ? "ERROR" : "INFO");
        m.put("kind", kind);
        m.put("payload", payload instanceof Map<?, ?> || payload instanceof java.util.List<?> ? payload : String.valueOf(payload));
        return io.quantsinfra.core.json.Json.write(m);
    }
}
