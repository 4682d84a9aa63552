/** Service-level endpoints: catalogue, deploy, scale, destroy, history. */
package io.quantsinfra.api.services;
