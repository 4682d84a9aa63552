/**
 * Composition of the shaded Lambda jar: its size and what takes the room, by original artifact and by
 * top-level package.
 */
package io.quantsinfra.benchmarks.jar;
