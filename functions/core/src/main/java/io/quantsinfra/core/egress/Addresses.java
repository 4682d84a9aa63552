package io.quantsinfra.core.egress;

import java.util.List;

/**
 * Classifies an address (4 or 16 bytes). IPv6 forms that carry an IPv4 address — mapped {@code ::ffff:0:0/96},
 * compatible {@code ::/96}, translated {@code ::ffff:0:0:0/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}
 * — are judged by the IPv4 address they carry, since that is where a packet may end up.
 */
public final class Addresses {
    private static final List<Range> V4 = List.of(
            new Range("0.0.0.0/8", AddressClass.UNSPECIFIED), new Range("127.0.0.0/8", AddressClass.LOOPBACK),
            new Range("169.254.0.0/16", AddressClass.LINK_LOCAL), new Range("10.0.0.0/8", AddressClass.PRIVATE),
            new Range("172.16.0.0/12", AddressClass.PRIVATE), new Range("192.168.0.0/16", AddressClass.PRIVATE),
            new Range("100.64.0.0/10", AddressClass.CGNAT), new Range("224.0.0.0/4", AddressClass.MULTICAST),
            new Range("240.0.0.0/4", AddressClass.RESERVED), new Range("192.0.0.0/24", AddressClass.RESERVED),
            new Range("192.0.2.0/24", AddressClass.RESERVED), new Range("198.18.0.0/15", AddressClass.RESERVED),
            new Range("198.51.100.0/24", AddressClass.RESERVED), new Range("203.0.113.0/24", AddressClass.RESERVED));
    private static final List<Range> V6 = List.of(
            new Range("::/128", AddressClass.UNSPECIFIED), new Range("::1/128", AddressClass.LOOPBACK),
            new Range("fe80::/10", AddressClass.LINK_LOCAL), new Range("fec0::/10", AddressClass.PRIVATE),
            new Range("fc00::/7", AddressClass.PRIVATE), new Range("ff00::/8", AddressClass.MULTICAST),
            new Range("64:ff9b:1::/48", AddressClass.PRIVATE), new Range("2001::/32", AddressClass.RESERVED),
            new Range("2001:db8::/32", AddressClass.RESERVED), new Range("100::/64", AddressClass.RESERVED),
            new Range("2001:2::/48", AddressClass.RESERVED), new Range("2001:10::/28", AddressClass.RESERVED));
    private static final Cidr MAPPED = Cidr.parse("::ffff:0:0/96");
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr TRANSLATED = Cidr.parse("::ffff:0:0:0/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private record Range(Cidr cidr, AddressClass kind) {
        Range(String cidr, AddressClass kind) {
            this(Cidr.parse(cidr), kind);
        }
    }

    private Addresses() {}

    /** The IPv4 address an IPv6 address carries, or the address itself. */
    public static byte[] effective(byte[] a) {
        if (a.length == 4 || a.length != 16) {
            return a;
        }
        if (MAPPED.contains(a) || TRANSLATED.contains(a) || NAT64.contains(a)
                || (COMPATIBLE.contains(a) && !V6.get(0).cidr().contains(a) && !V6.get(1).cidr().contains(a))) {
            return java.util.Arrays.copyOfRange(a, 12, 16);
        }
        if (SIX_TO_FOUR.contains(a)) {
            return java.util.Arrays.copyOfRange(a, 2, 6);
        }
        return a;
    }

    /** The class of {@code address}, judged by {@link #effective} bytes; {@code vpc} ranges win over the public class. */
    public static AddressClass classify(byte[] address, List<Cidr> vpc) {
        byte[] a = effective(address);
        for (Range r : a.length == 4 ? V4 : V6) {
            if (r.cidr().contains(a)) {
                return r.kind();
            }
        }
        for (Cidr c : vpc) {
            if (c.contains(a) || c.contains(address)) {
                return AddressClass.VPC;
            }
        }
        return AddressClass.PUBLIC;
    }

    /**
     * Whether an ECS-reported task address is one the health probe may call: a canonical IPv4 literal (no name,
     * no other spelling) that is not loopback, link-local, unspecified, multicast or reserved. Task ENIs have
     * private (or VPC) addresses by design, so those are fine.
     */
    public static boolean isTaskAddress(String text) {
        if (text == null || !IpLiterals.isCanonicalIpv4(text)) {
            return false;
        }
        AddressClass c = classify(IpLiterals.parse(text).orElseThrow(), List.of());
        return c == AddressClass.PRIVATE || c == AddressClass.CGNAT || c == AddressClass.PUBLIC;
    }
}
