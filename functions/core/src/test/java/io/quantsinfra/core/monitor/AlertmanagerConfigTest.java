package io.quantsinfra.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class AlertmanagerConfigTest {

    private static Map<String, Object> parse(String yml) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(yml);
    }

    @Test
    void render_withAChat_routesEverythingToTelegramReadingTheTokenFromAFile() {
        Map<String, Object> doc = parse(AlertmanagerConfig.render("-1001234567890"));
        assertEquals("telegram", ((Map<?, ?>) doc.get("route")).get("receiver"));
        assertEquals(List.of(Map.of("name", "telegram", "telegram_configs", List.of(Map.of(
                "api_url", "https://api.telegram.org",
                "bot_token_file", "/tmp/alertmanager/telegram_bot_token",
                "chat_id", -1001234567890L,
                "parse_mode", "HTML",
                "send_resolved", true)))), doc.get("receivers"));
    }

    @Test
    void render_withoutAChat_dropsAlerts() {
        Map<String, Object> doc = parse(AlertmanagerConfig.render(null));
        assertEquals(List.of(Map.of("name", "null")), doc.get("receivers"));
        assertFalse(AlertmanagerConfig.render(null).contains("telegram"));
    }

    @Test
    void render_refusesANonNumericChat() {
        assertThrows(IllegalArgumentException.class, () -> AlertmanagerConfig.render("@channel"));
    }
}
