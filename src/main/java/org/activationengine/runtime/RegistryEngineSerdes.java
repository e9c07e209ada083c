package org.activationengine.runtime;

import org.activationengine.engine.EngineSerdes;
import org.activationengine.runtime.avro.AvroSerdes;
import org.activationengine.runtime.avro.SchemaRegistryClient;
import org.activationengine.schema.InterventionCommand;
import org.activationengine.schema.PersonaActivationCounts;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.activationengine.schema.UserActivationStatus;
import org.apache.kafka.common.serialization.Serde;

/**
 * The engine's external serdes in the Confluent wire format, bound to one schema registry. Input values are
 * required (a null value is a deserialization error that goes to the dead-letter topic); the status topic carries
 * tombstones.
 */
public final class RegistryEngineSerdes implements EngineSerdes {

    private final Serde<SignupAnswer> signupAnswers;
    private final Serde<ProductEvent> productEvents;
    private final Serde<InterventionCommand> commands;
    private final Serde<PersonaActivationCounts> personaCounts;
    private final Serde<UserActivationStatus> userStatus;

    /**
     * @param registry the schema registry
     */
    public RegistryEngineSerdes(final SchemaRegistryClient registry) {
        final AvroSerdes serdes = new AvroSerdes(registry);
        this.signupAnswers = serdes.value(SignupAnswer.class);
        this.productEvents = serdes.value(ProductEvent.class);
        this.commands = serdes.value(InterventionCommand.class);
        this.personaCounts = serdes.value(PersonaActivationCounts.class);
        this.userStatus = serdes.optionalValue(UserActivationStatus.class);
    }

    @Override
    public Serde<SignupAnswer> signupAnswers() {
        return signupAnswers;
    }

    @Override
    public Serde<ProductEvent> productEvents() {
        return productEvents;
    }

    @Override
    public Serde<InterventionCommand> commands() {
        return commands;
    }

    @Override
    public Serde<PersonaActivationCounts> personaCounts() {
        return personaCounts;
    }

    @Override
    public Serde<UserActivationStatus> userStatus() {
        return userStatus;
    }
}
