package io.quantsinfra.core.monitor;

/**
 * The monitor's {@code alertmanager.yml}: alerts grouped by name and job, sent to Telegram when a chat is
 * configured, otherwise to a receiver that drops them. The bot token never appears here: Alertmanager
 * reads it from {@link #TOKEN_FILE}, which the container writes from its ECS secret at start
 * ({@code bot_token_file} needs Alertmanager v0.26.0 or later).
 *
 * {@snippet :
 * String yml = AlertmanagerConfig.render("-1001234567890");
 * }
 */
public final class AlertmanagerConfig {
    /** Where the monitor's Alertmanager container writes and reads its working files. */
    public static final String DIR = "/tmp/alertmanager";
    /** The bot token file the container writes from {@code TELEGRAM_BOT_TOKEN}. */
    public static final String TOKEN_FILE = DIR + "/telegram_bot_token";

    private AlertmanagerConfig() {}

    /**
     * The config; {@code telegramChatId} is a numeric chat id (validated by the monitor's schema), or
     * {@code null} for no notifications.
     */
    public static String render(String telegramChatId) {
        if (telegramChatId != null && !telegramChatId.matches("-?[0-9]{1,20}")) {
            throw new IllegalArgumentException("telegram chat id must be numeric");
        }
        String receiver = telegramChatId == null ? "null" : "telegram";
        StringBuilder y = new StringBuilder();
        y.append("# Rendered by quants-infra.\n");
        y.append("route:\n");
        y.append("  receiver: ").append(Yaml.quote(receiver)).append('\n');
        y.append("  group_by: [\"alertname\", \"job\"]\n");
        y.append("  group_wait: 30s\n");
        y.append("  group_interval: 5m\n");
        y.append("  repeat_interval: 4h\n");
        y.append("receivers:\n");
        y.append("  - name: ").append(Yaml.quote(receiver)).append('\n');
        if (telegramChatId != null) {
            y.append("    telegram_configs:\n");
            y.append("      - api_url: \"https://api.telegram.org\"\n");
            y.append("        bot_token_file: ").append(Yaml.quote(TOKEN_FILE)).append('\n');
            y.append("        chat_id: ").append(telegramChatId).append('\n');
            y.append("        parse_mode: \"HTML\"\n");
            y.append("        send_resolved: true\n");
        }
        return y.toString();
    }
}
