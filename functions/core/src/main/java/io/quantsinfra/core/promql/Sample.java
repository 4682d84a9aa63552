package io.quantsinfra.core.promql;

/** One element of an instant vector. */
public record Sample(Labels labels, double value) {}
