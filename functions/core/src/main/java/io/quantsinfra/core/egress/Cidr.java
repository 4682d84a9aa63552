package io.quantsinfra.core.egress;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 network, e.g. {@code 10.0.0.0/16} or {@code fd00::/8}; an address without a length is a host
 * ({@code /32} or {@code /128}). Only canonical dotted-quad IPv4 is accepted here: settings are written by operators.
 *
 * {@snippet :
 * Cidr.parse("127.0.0.0/8").contains(IpLiterals.parse("127.0.0.1").orElseThrow());   // true
 * }
 */
public record Cidr(byte[] network, int prefix) {
    public Cidr {
        network = network.clone();
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefix + " is out of range");
        }
    }

    /** The network {@code text} names; IllegalArgumentException with the reason otherwise. */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = IpLiterals.parse(host).filter(b -> b.length == 16 || IpLiterals.isCanonicalIpv4(host))
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a CIDR like 10.0.0.0/16 or fd00::/8"));
        int length = bytes.length * 8;
        if (slash >= 0) {
            try {
                length = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
            }
        }
        if (length < 0 || length > bytes.length * 8) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + bytes.length * 8);
        }
        return new Cidr(bytes, length);
    }

    /** Whether {@code address} (4 or 16 bytes) lies in this network; never across families. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return IpLiterals.format(network) + "/" + prefix;
    }
}
