/**
 * The deployer API: the Lambda handler ({@link io.quantsinfra.api.ApiHandler}), controllers per concept
 * ({@code services}, {@code instances}, {@code secrets}, {@code alerts}, {@code monitor}, {@code docs}),
 * problem+json errors ({@code problem}), bean wiring ({@code wiring}), the secrets rotation Lambda
 * ({@code rotation}), the API's own metrics ({@code telemetry}) and local mode ({@code local}).
 */
package io.quantsinfra.api;
