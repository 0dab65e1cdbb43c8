package io.connguard.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of a JDBC URL: user-info ({@code //user:pass@host}), Oracle's
 * {@code thin:user/pass@host}, and parameters that name a user or a secret, in the
 * {@code ?a=b&c=d} and {@code ;a=b;c=d} forms drivers use.
 */
public final class UrlRedactor {
    private static final Pattern USER_INFO = Pattern.compile("(//)[^/@?;]*@");
    private static final Pattern ORACLE_THIN = Pattern.compile("(:thin:)[^@/:]*/[^@]*@");
    private static final Pattern SECRET_PARAM = Pattern.compile(
        "([?&;:])((?i)[a-z0-9_.-]*(?:password|passwd|pwd|pass|secret|token|credential|key)|user|username|user\\.name)=[^&;]*",
        Pattern.CASE_INSENSITIVE);

    private UrlRedactor() {}

    /** Null in, null out; never throws. */
    public static String redact(String url) {
        if (url == null) return null;
        try {
            String s = USER_INFO.matcher(url).replaceAll("$1");
            s = ORACLE_THIN.matcher(s).replaceAll("$1@");
            Matcher m = SECRET_PARAM.matcher(s);
            StringBuffer out = new StringBuffer();
            while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(m.group(1)));
            m.appendTail(out);
            return tidy(out.toString());
        } catch (RuntimeException e) {
            return "(url withheld)";
        }
    }

    /** Separators left dangling by removed parameters: {@code ?&a=b}, {@code a=b&&c=d}, a trailing {@code ?}. */
    private static String tidy(String s) {
        return s.replaceAll("([?&;])[&;]+", "$1").replaceAll("\\?&", "?").replaceAll("[?&;]+$", "");
    }
}
