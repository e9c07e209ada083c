package org.activationengine.playbook;

/**
 * The share of each persona that receives no commands, for measurement.
 *
 * @param percent the share in percent, 0 to 50, with up to two decimals
 * @param salt    mixed into the hash so a new experiment draws a new holdout
 */
public record Holdout(double percent, String salt) {

    /** No holdout at all. */
    public static final Holdout NONE = new Holdout(0, "");
}
