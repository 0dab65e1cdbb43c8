package io.connguard.it.scenarios;

import java.util.Map;
import java.util.TreeMap;

/** Prints each of its environment variables as a line {@code NAME=value}, then "done": what reached the child. */
public final class PrintsItsEnvironment {
    public static void main(String[] args) {
        new TreeMap<>(System.getenv()).forEach((name, value) -> System.out.println(name + "=" + value));
        System.out.println("done");
    }
}
