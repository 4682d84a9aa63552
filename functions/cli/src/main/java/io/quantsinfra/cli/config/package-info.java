/** Reading service config files (JSON and YAML). */
package io.quantsinfra.cli.config;
