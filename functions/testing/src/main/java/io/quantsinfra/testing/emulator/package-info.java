/** The AWS emulator for tests: moto in server mode by default, an external one by opt-in. */
package io.quantsinfra.testing.emulator;
