package org.activationengine.engine;

import org.activationengine.schema.InterventionCommand;
import org.activationengine.schema.PersonaActivationCounts;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.activationengine.schema.UserActivationStatus;
import org.apache.kafka.common.serialization.Serde;

/**
 * The external topics' serdes in the engine's internal format, without a schema registry: for building and
 * testing the topology where the wire format does not matter (topology tests, docs). Deployed engines use the
 * registry-backed serdes of the runtime.
 */
public final class InternalEngineSerdes implements EngineSerdes {

    @Override
    public Serde<SignupAnswer> signupAnswers() {
        return new InternalAvroSerde<>(SignupAnswer.class);
    }

    @Override
    public Serde<ProductEvent> productEvents() {
        return new InternalAvroSerde<>(ProductEvent.class);
    }

    @Override
    public Serde<InterventionCommand> commands() {
        return new InternalAvroSerde<>(InterventionCommand.class);
    }

    @Override
    public Serde<PersonaActivationCounts> personaCounts() {
        return new InternalAvroSerde<>(PersonaActivationCounts.class);
    }

    @Override
    public Serde<UserActivationStatus> userStatus() {
        return new InternalAvroSerde<>(UserActivationStatus.class);
    }
}
