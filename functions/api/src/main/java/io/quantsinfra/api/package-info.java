/**
 * The deployer API: the Lambda handler ({@link io.quantsinfra.api.ApiHandler}), controllers per concept
 * ({@code services}, {@code instances}, {@code docs}), problem+json errors ({@code problem}), bean wiring
 * ({@code wiring}) and local mode ({@code local}).
 */
package io.quantsinfra.api;
