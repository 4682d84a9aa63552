package io.quantsinfra.core.notify.telegram;

import io.quantsinfra.core.json.Json;
import io.quantsinfra.core.notify.Attempt;
import io.quantsinfra.core.notify.HttpPost;
import io.quantsinfra.core.notify.Notification;
import io.quantsinfra.core.notify.Notifier;
import io.quantsinfra.core.notify.Templates;
import io.quantsinfra.core.routing.Integration;
import io.quantsinfra.core.routing.SecretValues;
import java.util.LinkedHashMap;
import java.util.Map;

/** Telegram Bot API: {@code POST <api_url>/bot<token>/sendMessage} with the rendered message (at most 4096 characters). */
public final class TelegramNotifier implements Notifier {
    static final int MAX_TEXT = 4096;
    private final HttpPost http;
    private final SecretValues secrets;

    public TelegramNotifier(HttpPost http, SecretValues secrets) {
        this.http = http;
        this.secrets = secrets;
    }

    @Override
    public String type() {
        return "telegram";
    }

    @Override
    public Attempt send(Integration endpoint, Notification n) {
        Integration.Telegram t = (Integration.Telegram) endpoint;
        String token = secrets.text(t.botToken());
        if (!token.matches("[0-9]{1,20}:[A-Za-z0-9_-]{10,100}")) {
            return Attempt.permanent(0, "the bot token does not look like a Telegram token (digits:letters)");
        }
        String chat = secrets.text(t.chatId()).strip();
        String text = Templates.render(t.message(), n);
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT - 1) + "…";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", chat.matches("-?\\d{1,18}") ? (Object) Long.parseLong(chat) : chat);
        body.put("text", text);
        if (t.parseMode() != null && !t.parseMode().isEmpty()) {
            body.put("parse_mode", t.parseMode());
        }
        body.put("disable_notification", t.disableNotifications());
        String base = withoutTrailingSlashes(t.apiUrl());
        return http.json(base + "/bot" + token + "/sendMessage", Json.write(body), Map.of());
    }

    /** The URL without its trailing {@code /}s, by hand: {@code replaceAll("/+$", "")} is quadratic on a long run of them. */
    public static String withoutTrailingSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }
}
