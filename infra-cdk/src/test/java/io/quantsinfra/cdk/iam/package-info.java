/**
 * The IAM check: the AWS operations each control-plane function made across the test suite (recorded by
 * {@code io.quantsinfra.aws.FunctionCallLog} under {@code <repo>/target/aws-calls}) against what its role's
 * policies in the synthesized templates allow. {@link io.quantsinfra.cdk.iam.IamActionTable} maps SDK operations
 * to IAM actions, resources and condition keys; {@link io.quantsinfra.cdk.iam.TemplateValues} resolves template
 * intrinsics into patterns; {@link io.quantsinfra.cdk.iam.PolicyEvaluator} decides one required action.
 */
package io.quantsinfra.cdk.iam;
