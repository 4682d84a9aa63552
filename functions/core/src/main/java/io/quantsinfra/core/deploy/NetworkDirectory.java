package io.quantsinfra.core.deploy;

/**
 * Port: resolves the seed's {@code --host} into a placement. A host is an AZ name or a subnet id of the
 * configured subnets; anything else is refused.
 */
public interface NetworkDirectory {

    /** The placement for {@code host}; InvalidInputException naming the known AZs and subnets otherwise. */
    Placement resolve(String host);

    /** Every configured subnet: the placement used when no host is given. */
    Placement spread();

    /** The host name to show for a placement read back from the platform. */
    String describe(Placement placement);
}
