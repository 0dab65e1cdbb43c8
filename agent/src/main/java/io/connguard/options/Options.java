package io.connguard.options;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The agent's settings, from the agent argument, {@code connguard.KEY} system
 * properties and {@code CONNGUARD_KEY} environment variables, in that order of precedence.
 * A mistake stops the JVM with an {@link OptionException}: running with a setting the user did not
 * mean would give false confidence.
 */
public final class Options {
    static final List<String> KEYS =
            List.of("report", "mode", "stacks", "stackDepth", "leakThreshold", "pools", "sql", "handoff", "ignore");
    /** Options whose value is a list: in the agent argument, a bare token after one continues its list. */
    private static final Set<String> LIST_KEYS = Set.of("pools", "ignore");
    static final int MAX_STACK_DEPTH = 1024;

    private static final String PROPERTY_PREFIX = "connguard.";
    private static final String ENV_PREFIX = "CONNGUARD_";
    /**
     * Set by the agent itself once installed, to publish where the report goes; not an option. The
     * {@code attach} command reads it to tell whether connguard runs in a JVM.
     */
    public static final String REPORT_FILE_PROPERTY = "connguard.reportFile";
    /**
     * The Maven plugin's own properties: Surefire and Failsafe copy Maven's {@code -D} properties
     * into each test JVM, where they are not agent options.
     */
    private static final Set<String> MAVEN_PLUGIN_PROPERTIES = Set.of("connguard.skip", "connguard.failOn", "connguard.baseline", "connguard.writeBaseline");

    private static final String VALID_KEYS = String.join(", ", KEYS);

    private final Path report;
    private final boolean reportChosen;
    private final boolean strict;
    private final boolean stacksAll;
    private final int stackDepth;
    private final long leakThresholdMillis;
    private final String leakThresholdText;
    private final List<String> pools;
    private final SqlMode sql;
    private final boolean handoffAllowed;
    private final List<IgnorePattern> ignore;

    private Options(Path report, boolean reportChosen, boolean strict, boolean stacksAll, int stackDepth, long leakThresholdMillis,
                    String leakThresholdText, List<String> pools, SqlMode sql, boolean handoffAllowed,
                    List<IgnorePattern> ignore) {
        this.report = report;
        this.reportChosen = reportChosen;
        this.strict = strict;
        this.stacksAll = stacksAll;
        this.stackDepth = stackDepth;
        this.leakThresholdMillis = leakThresholdMillis;
        this.leakThresholdText = leakThresholdText;
        this.pools = pools;
        this.sql = sql;
        this.handoffAllowed = handoffAllowed;
        this.ignore = ignore;
    }

    public static Options parse(String agentArgs, Map<String, String> systemProperties,
                                Map<String, String> environment) {
        return parse(agentArgs, systemProperties, environment,
                Paths.get("").toAbsolutePath(), Pid.current());
    }

    /** The working directory and pid are parameters so that tests can pin the default report path. */
    static Options parse(String agentArgs, Map<String, String> systemProperties, Map<String, String> environment,
                         Path cwd, long pid) {
        // Later sources overwrite earlier ones: environment, then system properties, then the agent argument.
        Map<String, Setting> settings = new HashMap<>();
        readEnvironment(environment, settings);
        readSystemProperties(systemProperties, settings);
        readAgentArgument(agentArgs, settings);

        Setting s;
        boolean reportChosen = settings.containsKey("report");
        Path report = reportChosen ? parseReport(settings.get("report"), cwd, pid) : defaultReport(cwd, pid);
        boolean strict = (s = settings.get("mode")) != null && "strict".equals(oneOf(s, "report", "strict"));
        boolean stacksAll = (s = settings.get("stacks")) != null && "all".equals(oneOf(s, "connections", "all"));
        int stackDepth = (s = settings.get("stackDepth")) == null ? 32 : parseStackDepth(s);
        long leakMillis = -1;
        String leakText = "off";
        if ((s = settings.get("leakThreshold")) != null) {
            leakMillis = parseDuration(s);
            leakText = leakMillis < 0 ? "off" : s.value.toLowerCase(Locale.ROOT);
        }
        List<String> pools = (s = settings.get("pools")) == null ? List.of() : parsePools(s);
        SqlMode sql = (s = settings.get("sql")) == null
                ? SqlMode.SANITIZED
                : SqlMode.valueOf(oneOf(s, "sanitized", "raw", "off").toUpperCase(Locale.ROOT));
        boolean handoffAllowed = (s = settings.get("handoff")) != null && "allow".equals(oneOf(s, "report", "allow"));
        List<IgnorePattern> ignore = (s = settings.get("ignore")) == null ? List.of() : parseIgnore(s);
        return new Options(report, reportChosen, strict, stacksAll, stackDepth, leakMillis, leakText, pools, sql, handoffAllowed, ignore);
    }

    /** Where the JSON lines go: absolute and normalized. */
    public Path report() {
        return report;
    }

    /** Whether the user named the report file ({@code report=}, its property or variable), rather than taking the default. */
    public boolean reportChosen() {
        return reportChosen;
    }

    public boolean strict() {
        return strict;
    }

    public boolean stacksAll() {
        return stacksAll;
    }

    public int stackDepth() {
        return stackDepth;
    }

    /** -1 when off. */
    public long leakThresholdMillis() {
        return leakThresholdMillis;
    }

    /** The user's {@code pools=} prefixes only. */
    public List<String> pools() {
        return pools;
    }

    /** The pool prefixes in force: {@code builtInPools} (the pools known without configuration), then the user's. */
    public String[] poolsInForce(String[] builtInPools) {
        List<String> all = new ArrayList<>(List.of(builtInPools));
        for (String p : pools) {
            if (!all.contains(p)) all.add(p);
        }
        return all.toArray(new String[0]);
    }

    public SqlMode sql() {
        return sql;
    }

    /** {@code handoff=allow}: a use by another thread while no thread is inside the family's calls moves ownership. */
    public boolean handoffAllowed() {
        return handoffAllowed;
    }

    /** The {@code ignore} patterns, in the order given; empty when none. */
    public List<IgnorePattern> ignore() {
        return ignore;
    }

    /**
     * Every key with the value in force, in the documented order: the report's start line. The
     * {@code pools} value lists {@code builtInPools} too, since a reader of the report cannot
     * otherwise tell which pools were trusted.
     */
    public Map<String, String> effective(String[] builtInPools) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("report", report.toString());
        m.put("mode", strict ? "strict" : "report");
        m.put("stacks", stacksAll ? "all" : "connections");
        m.put("stackDepth", Integer.toString(stackDepth));
        m.put("leakThreshold", leakThresholdText);
        m.put("pools", String.join(",", poolsInForce(builtInPools)));
        m.put("sql", sql.name().toLowerCase(Locale.ROOT));
        m.put("handoff", handoffAllowed ? "allow" : "report");
        StringBuilder patterns = new StringBuilder();
        for (IgnorePattern p : ignore) patterns.append(patterns.length() == 0 ? "" : ";").append(p);
        m.put("ignore", patterns.toString());
        return Collections.unmodifiableMap(m);
    }

    // ---- sources ----

    /** One key's value and where it came from, for the error message. */
    private static final class Setting {
        final String key;
        final String value;
        final String origin;

        Setting(String key, String value, String origin) {
            this.key = key;
            this.value = value;
            this.origin = origin;
        }
    }

    private static void readEnvironment(Map<String, String> env, Map<String, Setting> settings) {
        if (env == null) return;
        // sorted so that with several mistakes the same one is named every run
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ENV_PREFIX)) continue;
            String origin = "environment variable " + name;
            String key = knownKey(name.substring(ENV_PREFIX.length()), origin);
            settings.put(key, new Setting(key, e.getValue(), origin));
        }
    }

    private static void readSystemProperties(Map<String, String> props, Map<String, Setting> settings) {
        if (props == null) return;
        for (Map.Entry<String, String> e : new TreeMap<>(props).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(PROPERTY_PREFIX) || name.equals(REPORT_FILE_PROPERTY)
                    || MAVEN_PLUGIN_PROPERTIES.contains(name)) continue;
            String origin = "system property " + name;
            String key = knownKey(name.substring(PROPERTY_PREFIX.length()), origin);
            settings.put(key, new Setting(key, e.getValue(), origin));
        }
    }

    /** {@code key=value,key=value}; a bare token right after {@code pools=...} or {@code ignore=...} continues that list. */
    private static void readAgentArgument(String args, Map<String, Setting> settings) {
        if (args == null) return;
        String origin = "agent argument";
        Set<String> seen = new LinkedHashSet<>();
        Map<String, StringBuilder> lists = new LinkedHashMap<>();
        String last = null;
        for (String raw : args.split(",", -1)) {
            String token = raw.trim();
            if (token.isEmpty()) continue;
            int eq = token.indexOf('=');
            if (eq < 0) {
                if (last != null && LIST_KEYS.contains(last)) {
                    lists.get(last).append(',').append(token);
                    continue;
                }
                throw new OptionException("connguard: bad agent argument '" + shown(token)
                        + "'; expected key=value, valid options: " + VALID_KEYS);
            }
            String key = knownKey(token.substring(0, eq).trim(), origin);
            if (!seen.add(key)) {
                throw new OptionException("connguard: option '" + key + "' given twice (from " + origin + ")");
            }
            String value = token.substring(eq + 1).trim();
            if (LIST_KEYS.contains(key)) lists.put(key, new StringBuilder(value));
            else settings.put(key, new Setting(key, value, origin));
            last = key;
        }
        for (Map.Entry<String, StringBuilder> list : lists.entrySet()) {
            settings.put(list.getKey(), new Setting(list.getKey(), list.getValue().toString(), origin));
        }
    }

    /** Case and {@code _}/{@code -} do not matter: {@code stackDepth}, {@code STACK_DEPTH} and {@code stackdepth} are one key. */
    private static String knownKey(String name, String origin) {
        String folded = name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        for (String key : KEYS) {
            if (key.toLowerCase(Locale.ROOT).equals(folded)) return key;
        }
        throw new OptionException("connguard: unknown option '" + shown(name) + "' (from " + origin
                + "); valid options: " + VALID_KEYS);
    }

    // ---- values ----

    private static Path defaultReport(Path cwd, long pid) {
        String file = "connguard-" + pid + ".jsonl";
        if (Files.isDirectory(cwd.resolve("target"))) return cwd.resolve("target").resolve(file).normalize();
        if (Files.isDirectory(cwd.resolve("build"))) return cwd.resolve("build").resolve(file).normalize();
        return cwd.resolve(file).normalize();
    }

    private static Path parseReport(Setting s, Path cwd, long pid) {
        String value = s.value == null ? "" : s.value.trim();
        try {
            if (value.isEmpty()) throw new InvalidPathException(value, "empty");
            return cwd.resolve(value.replace("%p", Long.toString(pid))).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw bad(s, "a file path; %p becomes the pid");
        }
    }

    private static String oneOf(Setting s, String... valid) {
        String v = s.value == null ? "" : s.value.trim().toLowerCase(Locale.ROOT);
        for (String ok : valid) {
            if (ok.equals(v)) return ok;
        }
        throw bad(s, String.join(", ", valid));
    }

    private static int parseStackDepth(Setting s) {
        try {
            int depth = Integer.parseInt(s.value.trim());
            if (depth >= 1 && depth <= MAX_STACK_DEPTH) return depth;
        } catch (RuntimeException e) {
            // not a number: fall through to the message
        }
        throw bad(s, "a whole number from 1 to " + MAX_STACK_DEPTH);
    }

    /** {@code off}, or a positive duration; -1 stands for off. */
    private static long parseDuration(Setting s) {
        String v = s.value == null ? "" : s.value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("off")) return -1;
        // by hand, not by a regular expression: java.util.regex costs every JVM's start-up some milliseconds
        int digits = 0;
        while (digits < v.length() && v.charAt(digits) >= '0' && v.charAt(digits) <= '9') digits++;
        String unit = v.substring(digits);
        long factor = unit.equals("ms") ? 1 : unit.equals("s") ? 1_000 : unit.equals("m") ? 60_000 : unit.equals("h") ? 3_600_000 : 0;
        if (digits >= 1 && digits <= 18 && factor > 0) {
            try {
                long millis = Math.multiplyExact(Long.parseLong(v.substring(0, digits)), factor);
                if (millis > 0) return millis;
            } catch (ArithmeticException e) {
                // too large: fall through to the message
            }
        }
        throw bad(s, "off, or a duration greater than zero such as 500ms, 30s, 2m, 1h");
    }

    private static List<String> parsePools(Setting s) {
        List<String> pools = new ArrayList<>();
        for (String raw : (s.value == null ? "" : s.value).split(",")) {
            String p = raw.trim();
            if (p.isEmpty()) continue;
            if (!isPackagePrefix(p)) {
                throw bad(new Setting(s.key, p, s.origin), "package prefixes separated by commas, such as com.example.pool");
            }
            if (!pools.contains(p)) pools.add(p);
        }
        return Collections.unmodifiableList(pools);
    }

    /**
     * Patterns separated by {@code ,} (as {@code pools} is, which the agent argument continues),
     * {@code ;} or {@code |} (which need no continuation); each given once.
     */
    private static List<IgnorePattern> parseIgnore(Setting s) {
        List<IgnorePattern> patterns = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : (s.value == null ? "" : s.value).replace(';', ',').replace('|', ',').split(",")) {
            String text = raw.trim();
            if (text.isEmpty() || !seen.add(text)) continue;
            IgnorePattern p = IgnorePattern.parse(text);
            if (p == null) throw bad(new Setting(s.key, text, s.origin), IgnorePattern.VALID);
            patterns.add(p);
        }
        return Collections.unmodifiableList(patterns);
    }

    /** Java identifiers joined by dots; a trailing dot is allowed ({@code com.example.}). */
    private static boolean isPackagePrefix(String p) {
        String body = p.endsWith(".") ? p.substring(0, p.length() - 1) : p;
        for (String part : body.split("\\.", -1)) {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) return false;
            for (int i = 1; i < part.length(); i++) {
                if (!Character.isJavaIdentifierPart(part.charAt(i))) return false;
            }
        }
        return true;
    }

    private static OptionException bad(Setting s, String valid) {
        return new OptionException("connguard: bad value '" + shown(s.value) + "' for " + s.key
                + " (from " + s.origin + "); valid: " + valid);
    }

    /** Keeps the message on one line and short, whatever was typed. */
    private static String shown(String value) {
        if (value == null) return "";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length() && b.length() < 80; i++) {
            char c = value.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (b.length() < value.length()) b.append("...");
        return b.toString();
    }
}
