/**
 * The stacks, connected through typed props: network, data, instances (ECS), control plane (Lambda and
 * HTTP API), site (S3 + CloudFront) and observability (alarms, dashboard).
 */
package io.quantsinfra.cdk.stacks;
