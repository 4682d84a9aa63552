package io.quantsinfra.core.notify;

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

/**
 * POSTs a JSON body and classifies the answer: 2xx ok; 408, 429 and 5xx retryable; other 4xx permanent;
 * timeouts and connection failures retryable. Messages never contain the URL (a Telegram URL holds the bot
 * token; a Slack one is a credential).
 */
public final class HttpPost {
    private final HttpClient client;
    private final Duration timeout;

    public HttpPost(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /** A client with a 5 s timeout. */
    public static HttpPost create() {
        Duration t = Duration.ofSeconds(5);
        return new HttpPost(HttpClient.newBuilder().connectTimeout(t).followRedirects(HttpClient.Redirect.NEVER).build(), t);
    }

    public Attempt json(URI uri, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "quants-infra-alerting")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            int s = r.statusCode();
            if (s >= 200 && s < 300) {
                return Attempt.success(s);
            }
            String detail = "HTTP " + s + reason(r.body());
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

    /** A short reason from the answer's body: Telegram's {@code description}, or the first 100 characters. */
    private static String reason(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        var m = java.util.regex.Pattern.compile("\"description\"\\s*:\\s*\"([^\"]{0,200})\"").matcher(body);
        String s = m.find() ? m.group(1) : body.strip().lines().findFirst().orElse("");
        return ": " + (s.length() > 100 ? s.substring(0, 100) + "…" : s);
    }
}
