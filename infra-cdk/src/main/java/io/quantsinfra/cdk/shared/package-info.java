/**
 * Names this app shares with {@code functions/}: environment variables, resource names, tags. They are read
 * from {@code io.quantsinfra.aws.AwsSettings} and the service catalogue, never repeated as literals, so that
 * local mode and AWS cannot drift.
 */
package io.quantsinfra.cdk.shared;
