package org.activationengine.engine;

/**
 * The names of the topics the engine reads and writes. Every topic name is spelled here and nowhere else.
 *
 * @param signups        input: signup answers, keyed by user id
 * @param events         input: product events, keyed by user id
 * @param emailCommands  output: intervention commands for the email sender
 * @param inAppCommands  output: intervention commands for the in-app messaging sender
 * @param personaCounts  output: per persona, group and cohort day activation counts
 * @param userStatus     output (compacted): each user's activation status
 * @param deadLetters    records that could not be read or processed, with the cause in headers
 */
public record EngineTopics(String signups, String events, String emailCommands, String inAppCommands,
        String personaCounts, String userStatus, String deadLetters) {

    /** @return the default topic names, used when the configuration names none */
    public static EngineTopics defaults() {
        return new EngineTopics("signup-answers", "product-events", "activation-commands-email",
                "activation-commands-in-app", "activation-persona-counts", "activation-user-status",
                "activation-engine-dlq");
    }
}
