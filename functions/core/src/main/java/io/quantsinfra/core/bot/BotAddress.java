package io.quantsinfra.core.bot;

import java.util.Map;

/**
 * Where one bot's REST API answers and the login it needs ({@code Authorization} header). The headers are a
 * credential: {@link #toString()} leaves them out.
 *
 * @param host an IP address (a task's private address; loopback in local mode)
 */
public record BotAddress(String host, int port, Map<String, String> headers) {
    public BotAddress {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "BotAddress[" + host + ":" + port + ", headers=<not shown>]";
    }
}
