package org.activationengine.runtime.avro;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.Schema;

/** Wraps a registry and counts the calls that reach it, to show what the serdes cache. */
final class CountingRegistry implements SchemaRegistryClient {

    final AtomicInteger registers = new AtomicInteger();
    final AtomicInteger lookups = new AtomicInteger();
    final AtomicInteger fetches = new AtomicInteger();
    private final SchemaRegistryClient delegate;

    CountingRegistry(final SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(final String subject, final Schema schema) {
        registers.incrementAndGet();
        return delegate.register(subject, schema);
    }

    @Override
    public int idOf(final String subject, final Schema schema) {
        lookups.incrementAndGet();
        return delegate.idOf(subject, schema);
    }

    @Override
    public Schema schemaById(final int id) {
        fetches.incrementAndGet();
        return delegate.schemaById(id);
    }
}
