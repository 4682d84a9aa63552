/** Secrets Manager: resolving secret references and generated secrets. */
package io.quantsinfra.aws.secretsmanager;
