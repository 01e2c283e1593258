package dev.converge.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batches as Ansible's PlaybookExecutor._get_serialized_batches and pct_to_int form them. */
class RolloutTest {
    private static List<String> hosts(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "h" + i).toList();
    }

    private static List<Integer> sizes(Rollout rollout, int hosts) {
        return rollout.batches(hosts(hosts)).stream().map(List::size).toList();
    }

    private static Rollout serial(Rollout.BatchSize... sizes) {
        return new Rollout(List.of(sizes), null, false, null);
    }

    private static Rollout.BatchSize n(int value) {
        return new Rollout.BatchSize(value, false);
    }

    private static Rollout.BatchSize pct(int value) {
        return new Rollout.BatchSize(value, true);
    }

    @Test
    void aNumberTakesThatManyHostsInInventoryOrderTheLastBatchTakingTheRest() {
        assertThat(serial(n(2)).batches(hosts(5)))
                .containsExactly(List.of("h1", "h2"), List.of("h3", "h4"), List.of("h5"));
    }

    @Test
    void aPercentageIsOfAllThePlaysHostsRoundedDownAndAtLeastOne() {
        assertThat(sizes(serial(pct(30)), 10)).containsExactly(3, 3, 3, 1);
        assertThat(sizes(serial(pct(30)), 7)).containsExactly(2, 2, 2, 1);
        assertThat(sizes(serial(pct(10)), 4))
                .as("10% of 4 is 0.4: at least one")
                .containsExactly(1, 1, 1, 1);
        assertThat(sizes(serial(pct(100)), 4)).containsExactly(4);
    }

    @Test
    void aListIsTakenInTurnItsLastSizeRepeating() {
        assertThat(sizes(serial(n(1), n(5), pct(50)), 20)).containsExactly(1, 5, 10, 4);
        assertThat(sizes(serial(n(1), n(2)), 8)).containsExactly(1, 2, 2, 2, 1);
    }

    @Test
    void zeroMeansEveryRemainingHostAndNoSerialIsOneBatch() {
        assertThat(sizes(serial(n(1), n(0)), 6)).containsExactly(1, 5);
        assertThat(sizes(serial(n(2), n(-1)), 6))
                .as("negative, as 0 in Ansible")
                .containsExactly(2, 4);
        assertThat(sizes(Rollout.NONE, 6)).containsExactly(6);
        assertThat(Rollout.NONE.batches(List.of())).isEmpty();
    }

    @Test
    void aBatchStopsTheRunAboveMaxFailPercentageOrWhenAllOfASerialBatchFailed() {
        Rollout limit30 = new Rollout(List.of(n(10)), 30, false, null);
        assertThat(limit30.aborts(3, 10)).as("30% is not above 30%").isFalse();
        assertThat(limit30.aborts(4, 10)).isTrue();
        Rollout zero = new Rollout(List.of(n(2)), 0, false, null);
        assertThat(zero.aborts(0, 2)).isFalse();
        assertThat(zero.aborts(1, 2)).isTrue();
        assertThat(new Rollout(List.of(), null, true, null).aborts(1, 50))
                .as("any_errors_fatal")
                .isTrue();
        assertThat(serial(n(2)).aborts(1, 2))
                .as("serial alone: only a wholly failed batch stops")
                .isFalse();
        assertThat(serial(n(2)).aborts(2, 2)).isTrue();
        assertThat(Rollout.NONE.aborts(2, 2)).as("no serial, no limit: never").isFalse();
    }
}
