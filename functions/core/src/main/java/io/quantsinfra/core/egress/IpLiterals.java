package io.quantsinfra.core.egress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP literals as a URL host may spell them, without any DNS lookup. IPv4 is read the way {@code inet_aton} and
 * browsers read it (so {@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1} and {@code 127.1} are all
 * {@code 127.0.0.1}): a guard that read less would let a resolver read more. IPv6 may be bracketed and carry a
 * zone ({@code fe80::1%25eth0}).
 */
public final class IpLiterals {
    private static final Pattern CANONICAL_V4 = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");
    private static final Pattern NUMERIC_PART = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");

    private IpLiterals() {}

    /** The address bytes (4 or 16) when {@code host} is an IP literal in any accepted spelling. */
    public static Optional<byte[]> parse(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.contains(":")) {
            return ipv6(h);
        }
        return ipv4(h);
    }

    /** Whether {@code host} looks numeric (every dot-separated part is a number): an IPv4 literal or an invalid one. */
    public static boolean looksNumeric(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.isEmpty()) {
            return false;
        }
        for (String part : h.split("\\.", -1)) {
            if (!NUMERIC_PART.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code host} is a dotted quad of decimal numbers 0..255 without leading zeros. */
    public static boolean isCanonicalIpv4(String host) {
        if (!CANONICAL_V4.matcher(host).matches()) {
            return false;
        }
        for (String p : host.split("\\.")) {
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** {@code 127.0.0.1} or {@code fe80:0:0:0:0:0:0:1}. */
    public static String format(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            b.append(i == 0 ? "" : ":").append(Integer.toHexString(((a[i] & 0xff) << 8) | (a[i + 1] & 0xff)));
        }
        return b.toString();
    }

    private static Optional<byte[]> ipv6(String h) {
        int zone = h.indexOf('%');
        String bare = zone < 0 ? h : h.substring(0, zone);
        try {
            InetAddress a = InetAddress.ofLiteral(bare);
            if (!(a instanceof Inet6Address) && a.getAddress().length == 4) {
                // Java reads ::ffff:a.b.c.d as the IPv4 address; keep the mapped form so callers see what was written.
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(a.getAddress(), 0, mapped, 12, 4);
                return Optional.of(mapped);
            }
            return Optional.of(a.getAddress());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** inet_aton: 1..4 parts, each decimal, octal (leading 0) or hex (0x); the last part fills the remaining bytes. */
    private static Optional<byte[]> ipv4(String host) {
        if (!looksNumeric(host)) {
            return Optional.empty();
        }
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = h.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 0; i < parts.length; i++) {
            long n = number(parts[i]);
            boolean last = i == parts.length - 1;
            long max = last ? (1L << (8 * (5 - parts.length))) - 1 : 255;
            if (n < 0 || n > max) {
                return Optional.empty();
            }
            value = last ? (value << (8 * (5 - parts.length))) | n : (value << 8) | n;
        }
        return Optional.of(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    private static long number(String part) {
        try {
            if (part.startsWith("0x") || part.startsWith("0X")) {
                return part.length() == 2 ? 0 : part.length() > 10 ? -1 : Long.parseLong(part.substring(2), 16);
            }
            if (part.length() > 12) {
                return -1;
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return part.chars().allMatch(c -> c >= '0' && c <= '7') ? Long.parseLong(part.substring(1), 8) : -1;
            }
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
