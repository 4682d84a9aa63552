/**
 * The stacks, connected through typed props: network, data, instances (ECS), control plane (Lambda and
 * HTTP API), site (S3 + CloudFront), observability (alarms, dashboard) and console (Cognito sign-in for the ops
 * console, its config file beside the site).
 */
package io.quantsinfra.cdk.stacks;
