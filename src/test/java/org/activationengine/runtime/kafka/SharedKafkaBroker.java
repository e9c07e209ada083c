package org.activationengine.runtime.kafka;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One embedded Kafka broker for all broker tests of a test JVM, started on first use and stopped when the JVM
 * exits, so that each {@code *IT} class does not pay for its own broker start.
 *
 * <p>Use it with {@code @ExtendWith(SharedKafkaBroker.class)} and an {@link EmbeddedKafkaBroker} parameter, or
 * call {@link #broker()}. Tests sharing it must use their own topic names and group ids.
 */
public final class SharedKafkaBroker implements ParameterResolver {

    private static EmbeddedKafkaBroker broker;

    /**
     * Returns the shared broker, starting it if this is the first call in this JVM.
     *
     * @return a running broker
     */
    public static synchronized EmbeddedKafkaBroker broker() {
        if (broker == null) {
            final EmbeddedKafkaBroker started = EmbeddedKafkaBroker.builder().build().start();
            // A shutdown hook rather than an after-all callback: the broker must outlive each test class.
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-kafka-broker-shutdown"));
            broker = started;
        }
        return broker;
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameterContext,
                                     final ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameterContext,
                                   final ExtensionContext extensionContext) {
        return broker();
    }
}
