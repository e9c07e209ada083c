package org.activationengine.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for the engine's own stores and internal topics: one format byte, then Avro binary of the schema compiled
 * into this version. No registry is involved, which keeps per-user state small and the hot path free of lookups.
 * A future change of an internal schema must bump {@link #FORMAT} and keep a reader for the previous format.
 *
 * @param <T> the Avro record type
 */
public final class InternalAvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /** The format byte written before every value. */
    static final byte FORMAT = 1;

    private final Class<T> type;
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;
    private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    /**
     * @param type the generated Avro class
     */
    public InternalAvroSerde(final Class<T> type) {
        TrustedSchemaClasses.register();
        this.type = type;
        this.writer = new SpecificDatumWriter<>(type);
        this.reader = new SpecificDatumReader<>(type);
    }

    @Override
    public byte[] serialize(final String topic, final T data) {
        if (data == null) {
            return null;
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(FORMAT);
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, encoders.get());
        encoders.set(encoder);
        try {
            writer.write(data, encoder);
            encoder.flush();
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("Cannot write " + type.getSimpleName() + " for '" + topic + "'", e);
        }
        return out.toByteArray();
    }

    @Override
    public T deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0 || data[0] != FORMAT) {
            throw new SerializationException("Unknown internal format in '" + topic + "' for "
                    + type.getSimpleName() + ": the state was written by another engine version");
        }
        final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, 1, data.length - 1, decoders.get());
        decoders.set(decoder);
        try {
            return reader.read(null, decoder);
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("Cannot read " + type.getSimpleName() + " from '" + topic + "'", e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        // Nothing to configure: the schema is compiled in.
    }

    @Override
    public void close() {
        // Nothing to release: encoders are per-thread and reused.
    }
}
