package io.quantsinfra.core.egress;

/** What kind of address a target is; everything but {@link #PUBLIC} is refused unless allowed explicitly. */
public enum AddressClass {
    PUBLIC("a public address"),
    LOOPBACK("a loopback address"),
    LINK_LOCAL("a link-local address (169.254.0.0/16, fe80::/10: the instance metadata service lives there)"),
    PRIVATE("a private address (10/8, 172.16/12, 192.168/16, fc00::/7)"),
    CGNAT("a carrier-grade NAT address (100.64.0.0/10)"),
    UNSPECIFIED("an unspecified address (0.0.0.0/8, ::)"),
    MULTICAST("a multicast address"),
    RESERVED("a reserved or special-purpose address"),
    VPC("an address in the VPC's own ranges");

    private final String description;

    AddressClass(String description) {
        this.description = description;
    }

    /** E.g. {@code a loopback address}. */
    public String description() {
        return description;
    }
}
