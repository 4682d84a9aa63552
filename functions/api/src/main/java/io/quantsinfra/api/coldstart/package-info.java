/**
 * What the API Lambda does to answer its first request sooner, each measured in docs/benchmarks.md: Micronaut's
 * service lookups from a build-time index instead of a scan of the jar ({@code MicronautServiceIndex}), and JSON
 * serializers built for a route when it first answers rather than for every route at start
 * ({@code DeferredJsonBodies}). None of it changes what a request gets back.
 */
package io.quantsinfra.api.coldstart;
