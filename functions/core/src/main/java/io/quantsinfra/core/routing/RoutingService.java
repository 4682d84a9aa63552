package io.quantsinfra.core.routing;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies and reads the routing config. A config is validated whole, and every secret it references must
 * exist, before it is stored.
 */
public final class RoutingService {
    private final RoutingConfigStore store;
    private final SecretValues secrets;
    private final Clock clock;

    public RoutingService(RoutingConfigStore store, SecretValues secrets, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** What an apply did; {@code warnings} name settings accepted but not used. */
    public record Applied(long version, boolean unchanged, List<String> receivers, List<String> warnings) {}

    public Applied apply(Map<String, Object> document, String actor) {
        RoutingConfig config = RoutingConfigs.parse(document);
        checkSecrets(config);
        StoredRoutingConfig current = store.get().orElse(null);
        List<String> names = new ArrayList<>(config.receivers().keySet());
        if (current != null && io.quantsinfra.core.catalog.schema.Json.write(current.document())
                .equals(io.quantsinfra.core.catalog.schema.Json.write(document))) {
            return new Applied(current.version(), true, names, config.warnings());
        }
        long version = current == null ? 1 : current.version() + 1;
        store.put(new StoredRoutingConfig(version, document, clock.instant(), actor));
        return new Applied(version, false, names, config.warnings());
    }

    private void checkSecrets(RoutingConfig config) {
        for (Receiver r : config.receivers().values()) {
            for (Integration i : r.integrations()) {
                for (Map.Entry<String, Credential> c : credentials(i).entrySet()) {
                    if (c.getValue() == null || !c.getValue().isSecret()) {
                        continue;
                    }
                    try {
                        secrets.value(c.getValue().ref());
                    } catch (NotFoundException e) {
                        throw new InvalidInputException("receivers." + r.name() + "." + i.name() + "." + c.getKey(),
                                "receiver " + r.name() + ", endpoint " + i.name() + ": " + c.getKey() + " refers to secret "
                                        + c.getValue().ref().name() + (c.getValue().ref().jsonKey() == null ? ""
                                        : " key " + c.getValue().ref().jsonKey()) + ", which does not exist: " + e.getMessage());
                    }
                }
            }
        }
    }

    private static Map<String, Credential> credentials(Integration i) {
        Map<String, Credential> m = new java.util.LinkedHashMap<>();
        switch (i) {
            case Integration.Webhook w -> m.put("url", w.url());
            case Integration.Slack s -> m.put("api_url", s.apiUrl());
            case Integration.Telegram t -> {
                m.put("bot_token", t.botToken());
                m.put("chat_id", t.chatId());
            }
            case Integration.PagerDuty p -> m.put("routing_key", p.routingKey());
            case Integration.Email e -> { }
        }
        return m;
    }

    public StoredRoutingConfig stored() {
        return store.get().orElseThrow(() -> new NotFoundException(
                "no routing config has been applied; apply one with 'quants-infra alerts config apply -f FILE'"));
    }

    /** The current config, if one is stored and still validates. */
    public Optional<RoutingConfig> current() {
        return store.get().map(s -> RoutingConfigs.parse(s.document()));
    }
}
