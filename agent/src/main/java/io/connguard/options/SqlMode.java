package io.connguard.options;

/** How statement text appears in the report: literals replaced (default), as written, or not at all. */
public enum SqlMode {
    SANITIZED, RAW, OFF
}
