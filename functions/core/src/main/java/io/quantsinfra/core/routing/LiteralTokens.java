package io.quantsinfra.core.routing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises a literal config value that carries a credential, so that it is stored as a secret instead of
 * sitting in plain text in the routing config (which {@code alerts config get} prints and DynamoDB keeps):
 * Slack incoming-webhook URLs, user info in a URL, credential-named query parameters, Telegram bot tokens, and
 * long token-like path segments (Discord-style webhook URLs).
 */
final class LiteralTokens {
    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("(?<![0-9])[0-9]{5,20}:[A-Za-z0-9_-]{30,}");
    private static final Pattern CREDENTIAL_PARAM = Pattern.compile(
            "(?i).*(token|key|secret|sig|signature|auth|pass|pwd|credential|session|jwt|bearer|code).*");
    private static final Pattern TOKEN_SEGMENT = Pattern.compile("[A-Za-z0-9_-]{20,}");

    private LiteralTokens() {}

    /** Why {@code value} looks like it carries a credential, or empty. The reason never repeats the value. */
    static Optional<String> find(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (TELEGRAM_TOKEN.matcher(value).find()) {
            return Optional.of("it contains a Telegram bot token");
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            return Optional.of("the URL carries user info (a user name or password before the host)");
        }
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().toLowerCase(Locale.ROOT);
        if (authority.equals("hooks.slack.com") || authority.startsWith("hooks.slack.com:")
                || authority.endsWith(".slack.com") && String.valueOf(uri.getRawPath()).contains("/services/")) {
            return Optional.of("it is a Slack incoming-webhook URL, which is itself the credential");
        }
        if (uri.getRawQuery() != null) {
            for (String param : uri.getRawQuery().split("&")) {
                String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
                if (CREDENTIAL_PARAM.matcher(name).matches()) {
                    return Optional.of("its query parameter '" + printable(name) + "' looks like a credential");
                }
            }
        }
        for (String segment : String.valueOf(uri.getRawPath()).split("/")) {
            if (TOKEN_SEGMENT.matcher(segment).matches() && mixed(segment)) {
                return Optional.of("its path has a token-like segment (20 or more letters and digits)");
            }
        }
        return Optional.empty();
    }

    private static boolean mixed(String s) {
        return s.chars().anyMatch(Character::isDigit) && s.chars().anyMatch(Character::isLetter);
    }

    private static String printable(String name) {
        String n = name.replaceAll("[^A-Za-z0-9_.-]", "?");
        return n.length() > 40 ? n.substring(0, 40) + "…" : n;
    }
}
