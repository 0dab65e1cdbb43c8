package io.connguard.cli;

import io.connguard.contract.Kind;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The finding kinds a gate fails on, as the report command's {@code --fail-on} and the Maven
 * plugin's {@code failOn} take them: kind names in any case, separated by commas or white space;
 * {@code any}, every kind (also one an agent newer than this reader reports); {@code none}, no kind
 * (the gate only reports).
 */
public final class GatedKinds {
    private static final String ANY = "any";
    private final Set<String> kinds;

    private GatedKinds(Set<String> kinds) {
        this.kinds = kinds;
    }

    /**
     * @param list the list as the user wrote it
     * @return the kinds it names
     * @throws IllegalArgumentException {@code unknown kind 'WORD'}, for the first word that is none of
     *     {@link #valid()} (an empty list is one empty word, one of separators only one such word)
     */
    public static GatedKinds parse(String list) {
        Set<String> kinds = new LinkedHashSet<>();
        String[] words = list.trim().split("[,\\s]+");
        if (words.length == 0) throw new IllegalArgumentException("unknown kind '" + list + "'"); // separators only
        for (String word : words) {
            String name = word.toUpperCase(Locale.ROOT);
            if (word.equalsIgnoreCase(ANY)) kinds.add(ANY);
            else if (word.equalsIgnoreCase("none")) continue;
            else if (Kind.of(name) != null) kinds.add(name);
            else throw new IllegalArgumentException("unknown kind '" + word + "'");
        }
        return new GatedKinds(Collections.unmodifiableSet(kinds));
    }

    /** The words {@link #parse} takes, for a message: every kind's name, {@code any}, {@code none}. */
    public static String valid() {
        return Kind.names() + ", " + ANY + ", none";
    }

    /** Whether findings of {@code kind} (its name in the report) fail the gate. */
    public boolean gates(String kind) {
        return kinds.contains(ANY) || kinds.contains(kind);
    }

    /** Whether any kind fails the gate: with {@code none} alone, nothing does. */
    public boolean gatesAny() {
        return !kinds.isEmpty();
    }

    /** Whether the list named {@code any}: every kind fails the gate. */
    public boolean gatesEvery() {
        return kinds.contains(ANY);
    }
}
