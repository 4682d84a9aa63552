/**
 * Loopback stand-ins for what the ops console talks to on AWS, for its browser test in AWS mode:
 * {@link io.quantsinfra.site.aws.CognitoFront} (the emulator's Cognito user pool and identity pool, with CORS and
 * the identity pool's token check), {@link io.quantsinfra.site.aws.SigV4Gateway} (API Gateway's IAM check: the
 * AWS SDK for Java recomputes each SigV4 signature; only the console's routes pass) and
 * {@link io.quantsinfra.site.aws.SiteServer} (the built site on its own origin, as CloudFront serves it).
 */
package io.quantsinfra.site.aws;
