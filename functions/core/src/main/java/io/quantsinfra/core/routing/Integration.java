package io.quantsinfra.core.routing;

import java.util.List;
import java.util.Map;

/**
 * One endpoint of a receiver: a {@code webhook_configs}, {@code slack_configs}, {@code telegram_configs},
 * {@code pagerduty_configs} or {@code email_configs} entry. Every one has a name (unique in its receiver),
 * {@code send_resolved}, and the delivery extensions {@code priority} (lower first) and
 * {@code rate_limit_per_minute} (0: none).
 */
public sealed interface Integration {
    String name();

    String type();

    boolean sendResolved();

    int priority();

    int ratePerMinute();

    /** {@code url} as is; {@code max_alerts} 0 means all. */
    record Webhook(String name, boolean sendResolved, int priority, int ratePerMinute, Credential url, int maxAlerts)
            implements Integration {
        public String type() {
            return "webhook";
        }
    }

    /** Slack incoming webhook ({@code api_url}); text fields are templates. */
    record Slack(String name, boolean sendResolved, int priority, int ratePerMinute, Credential apiUrl, String channel,
                 String username, String title, String text, String color) implements Integration {
        public String type() {
            return "slack";
        }
    }

    /** Telegram Bot API sendMessage at {@code apiUrl} (configurable base URL). */
    record Telegram(String name, boolean sendResolved, int priority, int ratePerMinute, String apiUrl, Credential botToken,
                    Credential chatId, String message, String parseMode, boolean disableNotifications) implements Integration {
        public String type() {
            return "telegram";
        }
    }

    /** PagerDuty Events API v2; the dedup key is derived from the group. */
    record PagerDuty(String name, boolean sendResolved, int priority, int ratePerMinute, String url, Credential routingKey,
                     String description, String severity, String client, String clientUrl, Map<String, String> details)
            implements Integration {
        public String type() {
            return "pagerduty";
        }
    }

    /** Email through SES; {@code smarthost} and {@code auth_*} are accepted and not used. */
    record Email(String name, boolean sendResolved, int priority, int ratePerMinute, List<String> to, String from,
                 String subject, String text, String html) implements Integration {
        public String type() {
            return "email";
        }
    }
}
