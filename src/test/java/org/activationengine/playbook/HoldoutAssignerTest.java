package org.activationengine.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class HoldoutAssignerTest {

    private static final int USERS = 10_000;

    @Test
    void shouldAssignTheSameUserToTheSameGroupEveryTime() {
        final HoldoutAssigner first = new HoldoutAssigner(new Holdout(10, "onboarding-2026"));
        final HoldoutAssigner second = new HoldoutAssigner(new Holdout(10, "onboarding-2026"));

        for (int index = 0; index < 1_000; index++) {
            final String userId = "user-" + index;
            assertThat(second.isHeldOut(userId)).as(userId).isEqualTo(first.isHeldOut(userId));
        }
    }

    @Test
    void shouldHoldOutRoughlyTheConfiguredShare() {
        final double share = heldOut(new HoldoutAssigner(new Holdout(10, "onboarding-2026"))) / (double) USERS;

        assertThat(share).isBetween(0.085, 0.115);
    }

    @Test
    void shouldHoldOutNobodyAtZeroPercent() {
        assertThat(heldOut(new HoldoutAssigner(Holdout.NONE))).isZero();
        assertThat(heldOut(new HoldoutAssigner(new Holdout(0, "onboarding-2026")))).isZero();
    }

    @Test
    void shouldDrawADifferentGroupForADifferentSalt() {
        final HoldoutAssigner current = new HoldoutAssigner(new Holdout(10, "onboarding-2026"));
        final HoldoutAssigner next = new HoldoutAssigner(new Holdout(10, "onboarding-2027"));

        final long inBoth = IntStream.range(0, USERS).mapToObj(index -> "user-" + index)
                .filter(userId -> current.isHeldOut(userId) && next.isHeldOut(userId)).count();

        // Independent draws of 10% overlap on about 1% of users; the same draw would overlap on 10%.
        assertThat(inBoth).isLessThan(USERS / 30);
    }

    private static long heldOut(final HoldoutAssigner assigner) {
        return IntStream.range(0, USERS).mapToObj(index -> "user-" + index).filter(assigner::isHeldOut).count();
    }
}
