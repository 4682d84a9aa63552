/**
 * Reusable constructs, each with its own props record validated in its constructor: a private encrypted
 * bucket, a SnapStart Java function behind an alias, an HTTP API with IAM authorization, a scheduled
 * function, the control plane's IAM policy, the collector's file system, the static site, the console's sign-in
 * (Cognito pools and the role limited to its routes), alarms.
 */
package io.quantsinfra.cdk.constructs;
