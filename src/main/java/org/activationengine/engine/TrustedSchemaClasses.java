package org.activationengine.engine;

import java.util.List;
import org.activationengine.schema.ActivationCountDelta;
import org.activationengine.schema.Channel;
import org.activationengine.schema.CommandKind;
import org.activationengine.schema.ExperimentGroup;
import org.activationengine.schema.InterventionCommand;
import org.activationengine.schema.PersonaActivationCounts;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.activationengine.schema.UserActivationStatus;
import org.activationengine.schema.UserState;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Tells Avro that the classes generated from {@code schemas/} may be instantiated while reading. Avro refuses to
 * load classes named in a schema unless they are trusted; trusting these exact classes (not a package pattern)
 * keeps that protection for everything else.
 */
public final class TrustedSchemaClasses {

    private static final List<Class<?>> GENERATED = List.of(SignupAnswer.class, ProductEvent.class,
            InterventionCommand.class, PersonaActivationCounts.class, UserActivationStatus.class, UserState.class,
            ActivationCountDelta.class, Channel.class, CommandKind.class, ExperimentGroup.class);

    private static boolean registered;

    private TrustedSchemaClasses() {
    }

    /** Adds the generated classes to Avro's trusted classes, once per JVM. */
    public static synchronized void register() {
        if (registered) {
            return;
        }
        final ClassSecurityValidator.Builder trusted = ClassSecurityValidator.builder();
        GENERATED.forEach(trusted::add);
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                trusted.build()));
        registered = true;
    }
}
