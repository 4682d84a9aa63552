package io.quantsinfra.cdk.config;

/**
 * How instances reach the internet (exchanges, Docker Hub) and how the control plane reaches AWS APIs.
 */
public enum NetworkMode {
    /**
     * Private subnets behind NAT gateways: tasks have no public address; the API Lambda runs in the VPC and can
     * probe instances' health endpoints. The default.
     */
    GATEWAY,
    /**
     * No NAT: public subnets, tasks get public IPv4 addresses (inbound still closed by the security group); the
     * API Lambda runs outside the VPC, so it cannot reach instances' private addresses for HTTP health probes.
     */
    NONE
}
