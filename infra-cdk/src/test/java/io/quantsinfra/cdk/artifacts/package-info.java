/**
 * The Lambda jars the app deploys, checked as built: shrunk (root pom, {@code shrink-lambda-jar}), they still make
 * every AWS operation their functions were recorded making ({@link io.quantsinfra.cdk.artifacts.RecordedCallReplay}),
 * the API handler still answers ({@link io.quantsinfra.cdk.artifacts.ApiJarStatusRequest}), and each fits its size
 * budget. The drivers run in a child JVM on the jar under test.
 */
package io.quantsinfra.cdk.artifacts;
