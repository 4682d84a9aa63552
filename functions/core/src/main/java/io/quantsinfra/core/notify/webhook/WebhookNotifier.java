package io.quantsinfra.core.notify.webhook;

import io.quantsinfra.core.json.Json;
import io.quantsinfra.core.notify.Attempt;
import io.quantsinfra.core.notify.HttpPost;
import io.quantsinfra.core.notify.Notification;
import io.quantsinfra.core.notify.Notifier;
import io.quantsinfra.core.routing.Integration;
import io.quantsinfra.core.routing.SecretValues;
import java.util.Map;

/** POSTs Alertmanager's webhook JSON (version 4) to the configured URL. */
public final class WebhookNotifier implements Notifier {
    private final HttpPost http;
    private final SecretValues secrets;

    public WebhookNotifier(HttpPost http, SecretValues secrets) {
        this.http = http;
        this.secrets = secrets;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public Attempt send(Integration endpoint, Notification n) {
        Integration.Webhook w = (Integration.Webhook) endpoint;
        return http.json(secrets.text(w.url()), Json.write(n.webhookPayload(w.maxAlerts())), Map.of());
    }
}
