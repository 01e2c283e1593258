package dev.converge.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" hints from the closest known name. */
public final class Suggest {
    private Suggest() {}

    public static String hint(String wrong, Collection<String> known, String what) {
        Optional<String> closest = known.stream()
                .min(Comparator.comparingInt((String k) -> distance(wrong, k)).thenComparing(k -> k));
        String list = "known " + what + ": "
                + String.join(", ", known.stream().sorted().toList());
        return closest.filter(c -> distance(wrong, c) <= Math.max(2, wrong.length() / 3))
                .map(c -> "did you mean '" + c + "'? " + list)
                .orElse(list);
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
