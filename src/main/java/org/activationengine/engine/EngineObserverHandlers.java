package org.activationengine.engine;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams' continue-style error handlers, which send the failed record to the dead-letter topic
 * ({@code errors.dead.letter.queue.topic.name}) with the standard {@code __streams.errors.*} headers, plus a call
 * to the engine's observer so dead-lettered records are counted.
 */
public final class EngineObserverHandlers {

    /** Streams property holding the {@link EngineObserver} instance the handlers report to. */
    public static final String OBSERVER_CONFIG = "activation.engine.observer";

    private EngineObserverHandlers() {
    }

    private static EngineObserver observerFrom(final Map<String, ?> configs) {
        final Object observer = configs.get(OBSERVER_CONFIG);
        return observer instanceof EngineObserver engineObserver ? engineObserver : EngineObserver.NONE;
    }

    /** Dead-letters records that cannot be deserialized, and counts them. */
    public static final class Deserialization extends LogAndContinueExceptionHandler {
        private EngineObserver observer = EngineObserver.NONE;

        @Override
        public void configure(final Map<String, ?> configs) {
            super.configure(configs);
            observer = observerFrom(configs);
        }

        @Override
        public DeserializationExceptionHandler.Response handleError(final ErrorHandlerContext context,
                final ConsumerRecord<byte[], byte[]> record, final Exception exception) {
            observer.deadLettered(context.topic(), context.partition(), context.offset(), exception);
            return super.handleError(context, record, exception);
        }
    }

    /** Dead-letters records whose processing failed, and counts them. */
    public static final class Processing extends LogAndContinueProcessingExceptionHandler {
        private EngineObserver observer = EngineObserver.NONE;

        @Override
        public void configure(final Map<String, ?> configs) {
            super.configure(configs);
            observer = observerFrom(configs);
        }

        @Override
        public ProcessingExceptionHandler.Response handleError(final ErrorHandlerContext context,
                final Record<?, ?> record, final Exception exception) {
            observer.deadLettered(context.topic(), context.partition(), context.offset(), exception);
            return super.handleError(context, record, exception);
        }
    }
}
