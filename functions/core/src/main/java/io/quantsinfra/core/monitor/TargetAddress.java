package io.quantsinfra.core.monitor;

import io.quantsinfra.core.catalog.schema.Path;
import io.quantsinfra.core.catalog.schema.Values;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.regex.Pattern;

/** Checks a scrape target {@code host:port}: a DNS name, an IPv4 address or a bracketed IPv6 address, and a port. */
final class TargetAddress {
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final String FORM = "expected host:port, like \"10.0.1.15:9090\", \"collector.internal:9090\" or \"[fd00::1]:9090\"";

    private TargetAddress() {}

    /** {@code host:port}, an IPv6 literal in brackets; checked, so that a platform-reported address cannot inject. */
    static String hostPort(String host, int port) {
        String target = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        check(target, Path.ROOT.key("address"));
        return target;
    }

    static void check(String target, Path path) {
        if (target.contains("://") || target.contains("/")) {
            throw path.invalid(FORM + " without a scheme or path, got " + Values.show(target));
        }
        int colon = target.lastIndexOf(':');
        if (colon < 0) {
            throw path.invalid(FORM + ", got " + Values.show(target) + " (no port)");
        }
        String host = target.substring(0, colon);
        String port = target.substring(colon + 1);
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
            throw path.invalid("port must be from 1 to 65535, got " + Values.show(port));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            checkIpv6(host.substring(1, host.length() - 1), target, path);
        } else if (host.contains(":")) {
            throw path.invalid(FORM + ", got " + Values.show(target) + " (an IPv6 address goes in brackets)");
        } else if (!IPV4.matcher(host).matches() && !isHostname(host)) {
            throw path.invalid(FORM + ", got " + Values.show(target) + " (not a valid host name or IPv4 address)");
        }
    }

    private static void checkIpv6(String literal, String target, Path path) {
        boolean ok = IPV6_CHARS.matcher(literal).matches() && literal.contains(":");
        if (ok) {
            try {
                // ofLiteral never resolves names, and the character check above admits only address literals.
                ok = InetAddress.ofLiteral(literal) instanceof Inet6Address;
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw path.invalid(FORM + ", got " + Values.show(target) + " (not a valid IPv6 address)");
        }
    }

    private static boolean isHostname(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        String[] labels = host.split("\\.", -1);
        for (String l : labels) {
            if (!LABEL.matcher(l).matches()) {
                return false;
            }
        }
        // A dotted all-numeric name is a mistyped IPv4 address, not a host name.
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }
}
