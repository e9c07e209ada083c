package org.activationengine.engine;

/** What the engine does with an input record whose key is missing or differs from the payload's user id. */
public enum MisroutedRecords {
    /** Re-key by the payload's user id through a named repartition topic, so the record reaches its user. */
    REPARTITION,
    /** Send the record to the dead-letter topic with the cause. */
    REJECT
}
