package io.quantsinfra.aws.freqtrade;

import io.quantsinfra.core.bot.BotAddress;
import io.quantsinfra.core.bot.BotApi;
import io.quantsinfra.core.bot.OpenTrade;
import io.quantsinfra.core.error.UpstreamException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * {@link BotApi} over Freqtrade's REST API ({@code freqtrade/rpc/api_server/api_v1.py}): {@code POST /stopentry}
 * (falling back to {@code /stopbuy} on bots older than 2022.4, which answer 404 to the new name),
 * {@code GET /status} and {@code POST /forceexit} with {@code {"tradeid": "<id>"}}. Each call is bounded by one
 * timeout (default 3 s). Messages name the call and the HTTP status, never the login.
 *
 * {@snippet :
 * BotApi api = new FreqtradeRestApi(Duration.ofSeconds(3));
 * List<OpenTrade> open = api.openTrades(new BotAddress("10.0.1.23", 8080, Map.of("Authorization", basic)));
 * }
 */
public final class FreqtradeRestApi implements BotApi {
    /** Per-call timeout unless configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private final Duration timeout;
    /**
     * Built at the first call to a bot: a JDK HTTP client sets up TLS and starts a selector thread, and the API builds
     * this object for every status request (through the trade guard) although only bot commands call it.
     */
    private HttpClient client;

    public FreqtradeRestApi(Duration timeout) {
        this.timeout = timeout;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }

    @Override
    public void stopEntry(BotAddress bot) {
        HttpResponse<String> r = send(bot, "POST", "/api/v1/stopentry", "{}");
        if (r.statusCode() == 404) {
            r = send(bot, "POST", "/api/v1/stopbuy", "{}");
        }
        requireOk(r, "stopentry");
    }

    @Override
    public List<OpenTrade> openTrades(BotAddress bot) {
        HttpResponse<String> r = send(bot, "GET", "/api/v1/status", null);
        requireOk(r, "status");
        JsonNode root;
        try {
            root = JsonNode.parser().parse(r.body());
        } catch (RuntimeException e) {
            throw new UpstreamException("the bot's /api/v1/status answer is not JSON");
        }
        if (!root.isArray()) {
            throw new UpstreamException("the bot's /api/v1/status answer is not a list of trades");
        }
        List<OpenTrade> out = new ArrayList<>();
        for (JsonNode t : root.asArray()) {
            if (t.isObject()) {
                out.add(trade(t));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public void forceExit(BotAddress bot, String tradeId) {
        requireOk(send(bot, "POST", "/api/v1/forceexit", "{\"tradeid\":\"" + tradeId.replaceAll("[^0-9A-Za-z_-]", "") + "\"}"),
                "forceexit of trade #" + tradeId);
    }

    private static OpenTrade trade(JsonNode t) {
        String profit = text(t, "profit_pct");
        return new OpenTrade(text(t, "trade_id") == null ? "?" : text(t, "trade_id"), text(t, "pair"), text(t, "amount"),
                text(t, "open_date"), profit == null ? null : profit + "%");
    }

    private static String text(JsonNode t, String field) {
        JsonNode v = t.asObject().get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isString() ? v.asString() : v.isNumber() ? v.asNumber() : v.toString();
    }

    private static void requireOk(HttpResponse<String> r, String call) {
        if (r.statusCode() / 100 != 2) {
            throw new UpstreamException("the bot answered HTTP " + r.statusCode() + " to " + call
                    + (r.statusCode() == 401 ? " (its API login was refused)" : ""));
        }
    }

    private HttpResponse<String> send(BotAddress bot, String method, String path, String body) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(new URI("http", null, bot.host(), bot.port(), path, null, null)).timeout(timeout)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UpstreamException("cannot address the bot at " + bot.host() + ":" + bot.port());
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        bot.headers().forEach(b::header);
        try {
            return client().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new UpstreamException("the bot did not answer " + path + " within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new UpstreamException("cannot reach the bot at " + bot.host() + ":" + bot.port() + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("interrupted while calling the bot's " + path);
        }
    }
}
