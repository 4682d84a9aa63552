package io.quantsinfra.core.routing;

import io.quantsinfra.core.egress.EgressGuard;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.secret.AlertingSecrets;
import io.quantsinfra.core.secret.SecretRef;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies and reads the routing config. A config is validated whole before it is stored: its structure, every
 * secret it references (it must exist, be meant for alerting, and a URL held in one must be an http(s) URL), and
 * every target through the outbound guard (literal IPs, names like {@code localhost}, and what a name resolves to
 * when it resolves now). All problems are reported at once.
 */
public final class RoutingService {
    private static final Set<String> URL_FIELDS = Set.of("url", "api_url");
    private final RoutingConfigStore store;
    private final SecretValues secrets;
    private final EgressGuard guard;
    private final Clock clock;

    public RoutingService(RoutingConfigStore store, SecretValues secrets, EgressGuard guard, Clock clock) {
        this.store = store;
        this.secrets = AlertingSecretValues.of(secrets);
        this.guard = guard;
        this.clock = clock;
    }

    /** What an apply did; {@code warnings} name settings accepted but not used, and targets that do not resolve now. */
    public record Applied(long version, boolean unchanged, List<String> receivers, List<String> warnings) {}

    public Applied apply(Map<String, Object> document, String actor) {
        RoutingConfig config = RoutingConfigs.parse(document);
        List<String> warnings = new ArrayList<>(config.warnings());
        checkTargets(config, warnings);
        StoredRoutingConfig current = store.get().orElse(null);
        List<String> names = new ArrayList<>(config.receivers().keySet());
        if (current != null && io.quantsinfra.core.json.Json.write(current.document())
                .equals(io.quantsinfra.core.json.Json.write(document))) {
            return new Applied(current.version(), true, names, warnings);
        }
        long version = current == null ? 1 : current.version() + 1;
        store.put(new StoredRoutingConfig(version, document, clock.instant(), actor));
        return new Applied(version, false, names, warnings);
    }

    private void checkTargets(RoutingConfig config, List<String> warnings) {
        Fields f = new Fields();
        for (Receiver r : config.receivers().values()) {
            for (Integration i : r.integrations()) {
                String at = "receivers." + r.name() + "." + i.name();
                for (Map.Entry<String, Credential> c : credentials(i).entrySet()) {
                    if (c.getValue() != null) {
                        checkCredential(f, at + "." + c.getKey(), r, i, c.getKey(), c.getValue(), warnings);
                    }
                }
                switch (i) {
                    case Integration.Telegram t when t.apiUrl() != null -> checkUrl(f, at + ".api_url", t.apiUrl(),
                            "'" + t.apiUrl() + "'", warnings);
                    case Integration.PagerDuty p when p.url() != null -> checkUrl(f, at + ".url", p.url(), "'" + p.url() + "'",
                            warnings);
                    default -> { }
                }
            }
        }
        f.throwIfAny();
    }

    private void checkCredential(Fields f, String at, Receiver r, Integration i, String key, Credential c, List<String> warnings) {
        if (!c.isSecret()) {
            if (URL_FIELDS.contains(key)) {
                checkUrl(f, at, c.literal(), "'" + c.literal() + "'", warnings);
            }
            return;
        }
        SecretRef ref = c.ref();
        String shown = "secret " + ref.name() + (ref.jsonKey() == null ? "" : " key " + ref.jsonKey());
        if (!AlertingSecrets.isAlerting(ref.name())) {
            f.problem(at, "receiver " + r.name() + ", endpoint " + i.name() + ": " + key + ": "
                    + Fields.notForAlerting(ref.name(), ref.jsonKey()));
            return;
        }
        String value;
        try {
            value = secrets.value(ref).reveal();
        } catch (NotFoundException e) {
            f.problem(at, "receiver " + r.name() + ", endpoint " + i.name() + ": " + key + " refers to " + shown
                    + ", which does not exist: " + e.getMessage());
            return;
        }
        if (URL_FIELDS.contains(key)) {
            URI u = secretUrl(value);
            if (u == null) {
                f.problem(at, "the value of " + shown + " is not an http(s) URL with a host (the value is not shown)");
            } else {
                checkUrl(f, at, u, "the URL in " + shown, warnings);
            }
        }
    }

    /** The URL a secret holds, or null when it is not an http(s) URL with a host. */
    private static URI secretUrl(String value) {
        try {
            URI u = new URI(value.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getRawAuthority() != null ? u : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private void checkUrl(Fields f, String at, String url, String shown, List<String> warnings) {
        try {
            checkUrl(f, at, new URI(url.strip()), shown, warnings);
        } catch (URISyntaxException e) {
            f.problem(at, shown + " is not a URL");
        }
    }

    private void checkUrl(Fields f, String at, URI url, String shown, List<String> warnings) {
        switch (guard.check(url)) {
            case EgressGuard.Verdict.Refused r -> f.problem(at, shown + ": " + r.reason());
            case EgressGuard.Verdict.Unresolved u -> warnings.add(at + ": " + shown + ": " + u.reason()
                    + " now; it is checked again before every send");
            case EgressGuard.Verdict.Allowed a -> { }
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

    /**
     * Which receivers {@code labels} reach in {@code document} (validated as {@link #apply} parses it) or, when it is
     * null, in the applied config; as {@code amtool config routes test} answers ({@link RouteTest}).
     */
    public RouteTest.Result testRoutes(Map<String, Object> document, Object labels, List<String> expected, boolean tree) {
        return RouteTest.run(config(document), RouteLabels.from(labels), expected, tree);
    }

    /** The routing tree of {@code document}, or of the applied config when it is null, as {@code amtool config routes show} prints it. */
    public String showRoutes(Map<String, Object> document) {
        return RouteTest.show(config(document));
    }

    private RoutingConfig config(Map<String, Object> document) {
        return document != null ? RoutingConfigs.parse(document) : RoutingConfigs.parse(stored().document());
    }

    /** The current config, if one is stored and still validates. */
    public Optional<RoutingConfig> current() {
        return store.get().map(s -> RoutingConfigs.parse(s.document()));
    }
}
