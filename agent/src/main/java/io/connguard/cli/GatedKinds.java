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
     * @throws IllegalArgumentException naming the problem: {@code unknown kind 'WORD'} for a word
     *     that is none of {@link #valid()}, {@code an empty kind in 'LIST'} for an empty list or two
     *     separators in a row, {@code 'none' with other kinds in 'LIST'}
     */
    public static GatedKinds parse(String list) {
        Set<String> kinds = new LinkedHashSet<>();
        boolean none = false;
        for (String word : list.trim().split("\\s*,\\s*|\\s+", -1)) {
            String name = word.toUpperCase(Locale.ROOT);
            if (word.isEmpty()) throw new IllegalArgumentException("an empty kind in '" + list + "'");
            else if (word.equalsIgnoreCase(ANY)) kinds.add(ANY);
            else if (word.equalsIgnoreCase("none")) none = true;
            else if (Kind.of(name) != null) kinds.add(name);
            else throw new IllegalArgumentException("unknown kind '" + word + "'");
        }
        if (none && !kinds.isEmpty()) throw new IllegalArgumentException("'none' with other kinds in '" + list + "'");
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
