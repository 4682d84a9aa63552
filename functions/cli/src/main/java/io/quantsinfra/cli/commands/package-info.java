/** One class per CLI command, plus the shared API options, rollout watching and table output. */
package io.quantsinfra.cli.commands;
