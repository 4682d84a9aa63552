package io.quantsinfra.core.notify.slack;

import io.quantsinfra.core.json.Json;
import io.quantsinfra.core.notify.Attempt;
import io.quantsinfra.core.notify.HttpPost;
import io.quantsinfra.core.notify.Notification;
import io.quantsinfra.core.notify.Notifier;
import io.quantsinfra.core.notify.Templates;
import io.quantsinfra.core.routing.Integration;
import io.quantsinfra.core.routing.SecretValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** POSTs one attachment (title, text, colour) to a Slack incoming webhook. */
public final class SlackNotifier implements Notifier {
    private final HttpPost http;
    private final SecretValues secrets;

    public SlackNotifier(HttpPost http, SecretValues secrets) {
        this.http = http;
        this.secrets = secrets;
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public Attempt send(Integration endpoint, Notification n) {
        Integration.Slack s = (Integration.Slack) endpoint;
        String title = Templates.render(s.title(), n);
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("title", title);
        attachment.put("text", Templates.render(s.text(), n));
        attachment.put("color", Templates.render(s.color(), n));
        attachment.put("fallback", title);
        Map<String, Object> body = new LinkedHashMap<>();
        if (s.channel() != null) {
            body.put("channel", s.channel());
        }
        body.put("username", s.username());
        body.put("attachments", List.of(attachment));
        return http.json(secrets.text(s.apiUrl()), Json.write(body), Map.of());
    }
}
