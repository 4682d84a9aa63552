package io.quantsinfra.core.notify;

import io.quantsinfra.core.egress.EgressGuard;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * POSTs a JSON body and classifies the answer: 2xx ok; 408, 429 and 5xx retryable; other 4xx permanent;
 * timeouts and connection failures retryable. Before sending, the {@link EgressGuard} checks the target again
 * after resolving its name (a config passed the guard when applied; DNS may have changed since).
 *
 * <p>Messages never contain the URL (a Telegram URL holds the bot token; a Slack one is a credential), and never
 * the answer's body: a receiver could echo anything there, and {@code alerts receivers} shows these messages.
 * They carry the status and a fixed classification; the one exception is an error code from a fixed list of
 * Slack's and Telegram's documented ones, matched exactly, so nothing the receiver chose is repeated.
 *
 * {@snippet :
 * HttpPost http = HttpPost.create().guardedBy(new EgressGuard(EgressPolicy.strict(), Resolver.SYSTEM));
 * Attempt a = http.json(uri, "{}", Map.of());   // e.g. permanent, "HTTP 404 (not found: check the URL)"
 * }
 */
public final class HttpPost {
    /** Documented error answers that say what to fix; reported when a body is exactly one of them. */
    static final Set<String> KNOWN_CODES = Set.of("invalid_token", "invalid_payload", "channel_not_found",
            "channel_is_archived", "no_service", "no_service_id", "no_team", "team_disabled", "no_text",
            "user_not_found", "action_prohibited", "posting_to_general_channel_denied", "too_many_attachments",
            "invalid_blocks", "rollup_error", "Bad Request: chat not found", "Unauthorized",
            "Forbidden: bot was blocked by the user", "Forbidden: bot is not a member of the channel chat",
            "Forbidden: bot was kicked from the group chat", "Bad Request: message is too long",
            "Bad Request: can't parse entities");
    private static final java.util.regex.Pattern DESCRIPTION =
            java.util.regex.Pattern.compile("\"description\"\\s*:\\s*\"([^\"]{1,80})\"");
    private final HttpClient client;
    private final Duration timeout;
    private final EgressGuard guard;

    /** A client whose targets must be public (the strict guard); {@link #guardedBy} replaces the guard. */
    public HttpPost(HttpClient client, Duration timeout) {
        this(client, timeout, EgressGuard.strict());
    }

    private HttpPost(HttpClient client, Duration timeout, EgressGuard guard) {
        this.client = client;
        this.timeout = timeout;
        this.guard = guard;
    }

    /** A client with a 5 s timeout that never follows redirects. */
    public static HttpPost create() {
        Duration t = Duration.ofSeconds(5);
        return new HttpPost(HttpClient.newBuilder().connectTimeout(t).followRedirects(HttpClient.Redirect.NEVER).build(), t);
    }

    /** This client checking targets with {@code g}. */
    public HttpPost guardedBy(EgressGuard g) {
        return new HttpPost(client, timeout, g);
    }

    /** POSTs to {@code url}; a URL that does not parse is a permanent failure whose message does not repeat it. */
    public Attempt json(String url, String body, Map<String, String> headers) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            return Attempt.permanent(0, "the endpoint URL is not valid");
        }
        return json(uri, body, headers);
    }

    public Attempt json(URI uri, String body, Map<String, String> headers) {
        switch (guard.check(uri)) {
            case EgressGuard.Verdict.Refused r -> {
                return Attempt.permanent(0, "not sent: the outbound guard refused the target (" + r.reason() + ")");
            }
            case EgressGuard.Verdict.Unresolved u -> {
                return Attempt.retryable(0, "not sent: the target's host name does not resolve");
            }
            case EgressGuard.Verdict.Allowed a -> { }
        }
        return send(uri, body, headers);
    }

    private Attempt send(URI uri, String body, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "quants-infra-alerting")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(b::header);
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            int s = r.statusCode();
            if (s >= 200 && s < 300) {
                return Attempt.success(s);
            }
            String detail = "HTTP " + s + " (" + classify(s) + code(r.body()) + ")";
            return s == 408 || s == 429 || s >= 500 ? Attempt.retryable(s, detail) : Attempt.permanent(s, detail);
        } catch (HttpTimeoutException e) {
            return Attempt.retryable(0, "no answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return Attempt.retryable(0, "connection refused or unreachable");
        } catch (IOException e) {
            return Attempt.retryable(0, "connection failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.retryable(0, "interrupted");
        } catch (IllegalArgumentException e) {
            return Attempt.permanent(0, "the endpoint URL is not valid");
        }
    }

    /** A fixed phrase per status class. */
    static String classify(int status) {
        return switch (status) {
            case 400 -> "bad request: the receiver refused the message";
            case 401, 403 -> "not authorised: check the credential";
            case 404, 410 -> "not found: check the URL";
            case 408 -> "request timeout";
            case 413 -> "message too large";
            case 429 -> "rate limited";
            default -> status >= 500 ? "server error" : status >= 300 && status < 400 ? "redirect, not followed"
                    : "client error";
        };
    }

    /** {@code , invalid_token} when the body (or Telegram's {@code description}) is exactly a known code; else nothing. */
    static String code(String body) {
        if (body == null) {
            return "";
        }
        String b = body.strip();
        if (b.length() <= 40 && KNOWN_CODES.contains(b)) {
            return ", " + b;
        }
        java.util.regex.Matcher m = DESCRIPTION.matcher(b.length() > 2000 ? b.substring(0, 2000) : b);
        String d = m.find() ? m.group(1) : "";
        return d.startsWith("Bad Request: can't parse entities") ? ", Bad Request: can't parse entities"
                : KNOWN_CODES.contains(d) ? ", " + d : "";
    }
}
