package io.quantsinfra.api.local;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which requests local mode answers at all. Binding to loopback keeps other machines out, but not a web page in
 * the user's own browser: by DNS rebinding a page on {@code evil.example} can have its name resolve to
 * 127.0.0.1 and call the API as same-origin, and any page can send a cross-origin POST. So:
 * <ul>
 *   <li>the {@code Host} header must be {@code 127.0.0.1:<port>}, {@code localhost:<port>} or {@code [::1]:<port>}
 *       (the port the API listens on) — a rebinding page's requests carry its own name;</li>
 *   <li>a request that changes state (anything but GET, HEAD, OPTIONS) or touches secrets must not carry an
 *       {@code Origin} other than local mode's own ({@code http://} one of the hosts above).</li>
 * </ul>
 * Anything else is refused before the handler sees it. The CLI sends no {@code Origin}; the ops site will be
 * served from the same origin.
 *
 * {@snippet :
 * new LocalRequestGuard(8080).refusal("POST", "/v1/secrets/actions/reveal", "evil.example:8080", null); // a reason
 * }
 */
final class LocalRequestGuard {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private final int port;
    private final Set<String> hosts;
    private final Set<String> origins;

    LocalRequestGuard(int port) {
        this.port = port;
        Set<String> names = Set.of("127.0.0.1", "localhost", "[::1]");
        java.util.HashSet<String> h = new java.util.HashSet<>();
        java.util.HashSet<String> o = new java.util.HashSet<>();
        for (String name : names) {
            h.add(name + ":" + port);
            o.add("http://" + name + ":" + port);
            if (port == 80) {
                h.add(name);
                o.add("http://" + name);
            }
        }
        this.hosts = Set.copyOf(h);
        this.origins = Set.copyOf(o);
    }

    /** Why the request must not be answered, or empty when it may. Never echoes what the request sent. */
    Optional<String> refusal(String method, String path, String host, String origin) {
        if (host == null || !hosts.contains(host.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("local mode answers only requests addressed to 127.0.0.1:" + port + ", localhost:" + port
                    + " or [::1]:" + port + "; this request's Host header names another site (a DNS-rebinding page?)");
        }
        String route = path == null ? "" : path.replaceAll("/{2,}", "/").toLowerCase(Locale.ROOT);
        boolean guarded = !SAFE_METHODS.contains(method) || route.equals("/v1/secrets") || route.startsWith("/v1/secrets/");
        if (guarded && origin != null && !origins.contains(origin.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("local mode refuses cross-origin requests that change state or touch secrets; this one "
                    + "came from a page on another origin (only http://127.0.0.1:" + port + ", http://localhost:" + port
                    + " and http://[::1]:" + port + " may send them)");
        }
        return Optional.empty();
    }
}
