package io.quantsinfra.core.catalog;

import io.quantsinfra.core.catalog.schema.Warning;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A raw config with the deploy's own options applied (Freqtrade's {@code --strategy}), ready for
 * {@link ServiceType#validate}, and what the user should know about it: keys passed through unchecked,
 * values quants-infra overrides. Not yet validated.
 *
 * {@snippet :
 * PreparedConfig p = freqtrade.prepare(fileDocument, "SampleStrategy");
 * p.warnings(); // [strategy_path: not checked by quants-infra, passed to Freqtrade as written]
 * }
 */
public record PreparedConfig(Map<String, Object> document, List<Warning> warnings) {
    public PreparedConfig {
        document = document == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(document));
        warnings = List.copyOf(warnings);
    }

    /** Without the document: it may hold literal secrets. */
    @Override
    public String toString() {
        return "PreparedConfig[document=<not shown>, warnings=" + warnings + "]";
    }
}
