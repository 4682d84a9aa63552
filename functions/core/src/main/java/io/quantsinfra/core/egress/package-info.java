/**
 * The outbound guard: which hosts the control plane may send to on a user's behalf (notification targets).
 * Pure Java: IP literals in every spelling a resolver accepts ({@link io.quantsinfra.core.egress.IpLiterals}),
 * address classes ({@link io.quantsinfra.core.egress.AddressClass}: loopback, link-local, private, CGNAT, …,
 * IPv4 embedded in IPv6 included), the policy from settings ({@link io.quantsinfra.core.egress.EgressPolicy}: an
 * explicit CIDR allow list and the VPC's own ranges), and the guard that checks a URL when a config is applied and
 * again, after DNS resolution through an injectable {@link io.quantsinfra.core.egress.Resolver}, before each send
 * ({@link io.quantsinfra.core.egress.EgressGuard}).
 */
package io.quantsinfra.core.egress;
