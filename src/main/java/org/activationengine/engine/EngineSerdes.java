package org.activationengine.engine;

import org.activationengine.schema.InterventionCommand;
import org.activationengine.schema.PersonaActivationCounts;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.activationengine.schema.UserActivationStatus;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value serdes of the engine's external topics. The runtime backs them with a schema registry (Confluent wire
 * format); keys are plain user-id strings. Internal topics and stores use {@link InternalAvroSerde} instead.
 */
public interface EngineSerdes {

    /** @return the serde of the signup-answers topic */
    Serde<SignupAnswer> signupAnswers();

    /** @return the serde of the product-events topic */
    Serde<ProductEvent> productEvents();

    /** @return the serde of both command topics */
    Serde<InterventionCommand> commands();

    /** @return the serde of the persona-counts topic */
    Serde<PersonaActivationCounts> personaCounts();

    /** @return the serde of the user-status topic */
    Serde<UserActivationStatus> userStatus();
}
