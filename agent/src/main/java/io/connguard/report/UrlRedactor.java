package io.connguard.report;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Removes credentials from a JDBC URL before it is logged or written: user-info
 * ({@code //user:pass@host}), Oracle's {@code user/pass@} and every {@code name=value} pair whose
 * name looks like a credential, in the query ({@code ?a=b&c=d}), semicolon ({@code ;a=b}, H2, SQL
 * Server, Derby), DB2 ({@code :a=b;}) and MySQL address ({@code (a=b,c=d)}) forms. The user name is
 * removed too: it is half of a credential. Paths are never touched (a SQLite file may be called
 * {@code passwords.db}).
 *
 * <p>A name is judged as a driver would read it: percent-decoded, {@code +} as a space (Connector/J
 * takes {@code %70assword} for {@code password}), trimmed, in any case. A name that does not decode to
 * a plain ASCII name ({@code pass%ZZ}, {@code pa%C5%BFsword}) may still be a credential to some driver,
 * so its value is removed too: remove more, never less.
 */
public final class UrlRedactor {
    private UrlRedactor() {}

    /** Enough for any real URL; a guard against pathological input, not a limit users meet. */
    private static final int MAX_PASSES = 64;

    /** Null in, null out; never throws (if something goes wrong, only the scheme is kept). */
    public static String redact(String url) {
        if (url == null) return null;
        try {
            String u = removeOracleCredentials(url);
            u = removeUserInfo(u);
            for (int pass = 0; pass < MAX_PASSES; pass++) {
                String next = removeFirstSecretParameter(u);
                if (next.equals(u)) return u;
                u = next;
            }
            return u;
        } catch (RuntimeException e) {
            return schemeOnly(url);
        }
    }

    /**
     * A name as it stands in a URL whose value must not be written: {@link #isSecretName} once decoded
     * as a driver may decode it, or a name that does not decode to letters, digits, {@code _ . -}.
     */
    static boolean isSecretKey(String raw) {
        String name;
        try {
            name = URLDecoder.decode(raw, StandardCharsets.UTF_8).trim();
        } catch (IllegalArgumentException e) {
            return true; // a malformed escape: what a lenient driver makes of it is anyone's guess
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // non-ASCII could fold into a credential's name (U+017F is 's' to equalsIgnoreCase)
            boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
            if (!plain) return true;
        }
        return isSecretName(name);
    }

    /** {@code password}, {@code apiKey}, {@code user}...: names whose values must not be written. */
    static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("password") || n.contains("passwd") || n.contains("pwd") || n.contains("pass")
                || n.contains("secret") || n.contains("token") || n.contains("credential") || n.endsWith("key")
                || n.equals("user") || n.equals("username") || n.equals("uid");
    }

    /** {@code jdbc:oracle:thin:scott/tiger@host} (also {@code oci}): everything between the driver type and the last {@code @}. */
    private static String removeOracleCredentials(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:oracle:")) return url;
        int typeEnd = url.indexOf(':', "jdbc:oracle:".length());
        if (typeEnd < 0) return url;
        int regionEnd = firstOf(url, typeEnd + 1, "(?");
        int at = url.lastIndexOf('@', regionEnd - 1);
        if (at <= typeEnd + 1) return url;
        return url.substring(0, typeEnd + 1) + url.substring(at);
    }

    /** {@code //user:pass@host} and {@code //user@host}; a {@code @} further on (in a path or a value) is not user-info. */
    private static String removeUserInfo(String url) {
        int slashes = url.indexOf("//");
        if (slashes < 0) return url;
        int start = slashes + 2;
        int authorityEnd = firstOf(url, start, "/?;#");
        int at = url.lastIndexOf('@', authorityEnd - 1);
        if (at < start) {
            // a password may hold a '/': accept a later '@' if "user:" comes before the first '/'
            // (and is not "host:port/")
            int end = firstOf(url, start, "?;#");
            at = url.lastIndexOf('@', end - 1);
            int colon = url.indexOf(':', start);
            if (at < start || colon < 0 || colon > authorityEnd || allDigits(url, colon + 1, authorityEnd)) return url;
        }
        return url.substring(0, start) + url.substring(at + 1);
    }

    /**
     * Finds the first {@code name=value} pair with a secret name and removes it with one separator,
     * so that what stays is still a well-formed URL ({@code ?a=1&password=x&b=2} gives {@code ?a=1&b=2}).
     */
    private static String removeFirstSecretParameter(String url) {
        int from = url.indexOf(':') + 1; // past "jdbc"
        for (int i = from; i < url.length(); i++) {
            char sep = url.charAt(i);
            if ("?&;:(,".indexOf(sep) < 0) continue;
            int nameStart = i + 1;
            int nameEnd = nameStart;
            while (nameEnd < url.length() && isNameChar(url.charAt(nameEnd))) nameEnd++;
            if (nameEnd == nameStart || nameEnd >= url.length() || url.charAt(nameEnd) != '=') continue;
            if (!isSecretKey(url.substring(nameStart, nameEnd))) continue;
            int valueEnd = valueEnd(url, nameEnd + 1, sep);
            return remove(url, i, nameStart, valueEnd);
        }
        return url;
    }

    /** A value ends where its form's next separator is; SQL Server may brace a value that holds {@code ;}. */
    private static int valueEnd(String url, int start, char sep) {
        if (sep == '?' || sep == '&') return firstOf(url, start, "&#");
        if (sep == '(' || sep == ',') return firstOf(url, start, ",)");
        int i = start;
        if (i < url.length() && url.charAt(i) == '{') {
            int close = url.indexOf('}', i);
            i = close < 0 ? url.length() : close + 1;
        }
        return firstOf(url, i, ";");
    }

    /**
     * Removes the pair [nameStart, valueEnd). A leading {@code ?}, {@code :} or {@code (} belongs to the
     * URL's structure and stays (the next pair's separator goes instead); a leading {@code &}, {@code ;}
     * or {@code ,} goes with the pair.
     */
    private static String remove(String url, int sep, int nameStart, int valueEnd) {
        char s = url.charAt(sep);
        if (s == '?' || s == ':' || s == '(') {
            char after = valueEnd < url.length() ? url.charAt(valueEnd) : 0;
            boolean continues = (s == '?' && after == '&') || (s == ':' && after == ';') || (s == '(' && after == ',');
            if (continues) return url.substring(0, nameStart) + url.substring(valueEnd + 1);
            if (s == '(' && after == ')') return url.substring(0, sep) + url.substring(valueEnd + 1); // (user=x) goes whole
            if (s == '?') return url.substring(0, sep) + url.substring(valueEnd);
            return url.substring(0, nameStart) + url.substring(valueEnd);
        }
        return url.substring(0, sep) + url.substring(valueEnd);
    }

    /**
     * Anything up to the {@code =} but a separator or a path's slash: a name is read whole, escapes and
     * oddities included, and judged by {@link #isSecretKey}.
     */
    private static boolean isNameChar(char c) {
        return "?&;:(,)=#/\\".indexOf(c) < 0;
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }

    private static int firstOf(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) return i;
        }
        return s.length();
    }

    private static String schemeOnly(String url) {
        int colon = url.indexOf(':', url.indexOf(':') + 1);
        return (colon < 0 ? "jdbc" : url.substring(0, colon)) + ":(redacted)";
    }
}
