/**
 * The quants-infra CDK app. {@link io.quantsinfra.cdk.QuantsInfraApp} only wires stacks
 * ({@code stacks}); reusable pieces are constructs with their own props and validation
 * ({@code constructs}); configuration comes from {@code cdk.json} context ({@code config}); names shared
 * with {@code functions/} come from one place ({@code shared}).
 */
package io.quantsinfra.cdk;
