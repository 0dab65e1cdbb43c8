package io.connguard.runtime;

import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;

/** Where a class was loaded from, as the JVM hands it to the agent: no application code is called to learn it. */
final class CodeLocation {
    private CodeLocation() {}

    /** The code source's URL text, never {@code URL.equals} (that resolves host names); null when unknown. */
    static String of(ProtectionDomain domain) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return url == null ? null : url.toExternalForm();
    }
}
