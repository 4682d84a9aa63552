package io.quantsinfra.core.egress;

import java.util.ArrayList;
import java.util.List;

/**
 * What the outbound guard lets through besides public addresses: {@code allowed} CIDRs (explicit exceptions, e.g.
 * a webhook relay inside the VPC; local mode allows loopback), and the VPC's own ranges, refused like private ones
 * even when they are public space.
 *
 * {@snippet :
 * EgressPolicy p = EgressPolicy.parse("127.0.0.0/8,::1/128", "10.20.0.0/16");
 * }
 */
public record EgressPolicy(List<Cidr> allowed, List<Cidr> vpc) {
    /** Loopback: what local mode allows by default. */
    public static final String LOOPBACK = "127.0.0.0/8,::1/128";

    public EgressPolicy {
        allowed = List.copyOf(allowed);
        vpc = List.copyOf(vpc);
    }

    /** Public addresses only. */
    public static EgressPolicy strict() {
        return new EgressPolicy(List.of(), List.of());
    }

    /** Public addresses and loopback (local mode, tests against loopback receivers). */
    public static EgressPolicy loopback() {
        return parse(LOOPBACK, "");
    }

    /** From comma-separated CIDR lists (either may be null or blank); IllegalArgumentException naming a bad entry. */
    public static EgressPolicy parse(String allowed, String vpc) {
        return new EgressPolicy(list(allowed), list(vpc));
    }

    private static List<Cidr> list(String text) {
        List<Cidr> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                out.add(Cidr.parse(s));
            }
        }
        return out;
    }

    /** Whether an address is explicitly allowed (judged as written and by the IPv4 address it carries). */
    public boolean allows(byte[] address) {
        byte[] effective = Addresses.effective(address);
        return allowed.stream().anyMatch(c -> c.contains(address) || c.contains(effective));
    }

    /** The comma-separated allow list, as the setting is written. */
    public String allowedText() {
        return String.join(",", allowed.stream().map(Cidr::toString).toList());
    }

    /** The comma-separated VPC ranges. */
    public String vpcText() {
        return String.join(",", vpc.stream().map(Cidr::toString).toList());
    }
}
