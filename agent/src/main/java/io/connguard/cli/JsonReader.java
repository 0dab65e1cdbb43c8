package io.connguard.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON parser (RFC 8259) for report lines: objects become {@code Map<String, Object>} in
 * field order, arrays {@code List<Object>}, numbers {@code Long} when integral and in range,
 * else {@code BigInteger} or {@code Double}, and {@code null} is {@link #NULL} so that a missing
 * field and a null one differ. Strict because a report line that is not exactly JSON was cut
 * short or damaged, and guessing at its contents would make up findings. Hand-written so the
 * agent jar carries no JSON library onto anyone's class path.
 */
final class JsonReader {
    /** JSON {@code null}. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Deeper than any report line; keeps a hostile line from overflowing the stack. */
    private static final int MAX_DEPTH = 256;

    private final String in;
    private int pos;
    private int depth;

    private JsonReader(String in) {
        this.in = in;
    }

    /** Parses one complete JSON value; whitespace around it is allowed, anything else is not. */
    static Object parse(String text) {
        JsonReader r = new JsonReader(text);
        r.skipWhitespace();
        Object value = r.value();
        r.skipWhitespace();
        if (r.pos < text.length()) throw r.error("unexpected '" + printable(text.charAt(r.pos)) + "' after the value");
        return value;
    }

    private Object value() {
        if (pos >= in.length()) throw error("unexpected end of input");
        char c = in.charAt(pos);
        switch (c) {
            case '{': return object();
            case '[': return array();
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error("unexpected '" + printable(c) + "'");
        }
    }

    private Map<String, Object> object() {
        enter();
        pos++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw error(pos >= in.length() ? "unexpected end of input" : "expected a field name");
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = value();
            // a repeated name is legal JSON; the last one wins, as in most readers
            map.put(name, value);
            skipWhitespace();
            char c = next("',' or '}'");
            if (c == '}') break;
            if (c != ',') throw error(pos - 1, "expected ',' or '}'");
        }
        depth--;
        return map;
    }

    private List<Object> array() {
        enter();
        pos++; // [
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            skipWhitespace();
            list.add(value());
            skipWhitespace();
            char c = next("',' or ']'");
            if (c == ']') break;
            if (c != ',') throw error(pos - 1, "expected ',' or ']'");
        }
        depth--;
        return Collections.unmodifiableList(list);
    }

    private String string() {
        int start = pos;
        pos++; // opening quote
        StringBuilder b = null;
        int runStart = pos;
        while (true) {
            if (pos >= in.length()) throw error(start, "unterminated string");
            char c = in.charAt(pos);
            if (c == '"') {
                String s = b == null ? in.substring(runStart, pos) : b.append(in, runStart, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) throw error("raw control character in a string");
            if (c != '\\') {
                pos++;
                continue;
            }
            if (b == null) b = new StringBuilder();
            b.append(in, runStart, pos);
            pos++; // backslash
            if (pos >= in.length()) throw error(start, "unterminated string");
            char e = in.charAt(pos++);
            switch (e) {
                case '"': b.append('"'); break;
                case '\\': b.append('\\'); break;
                case '/': b.append('/'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'n': b.append('\n'); break;
                case 'r': b.append('\r'); break;
                case 't': b.append('\t'); break;
                case 'u': unicodeEscape(b); break;
                default: throw error(pos - 2, "bad escape '\\" + printable(e) + "'");
            }
            runStart = pos;
        }
    }

    /** {@code \\uXXXX}; a surrogate must come as a high-low pair of escapes, as UTF-16 needs. */
    private void unicodeEscape(StringBuilder b) {
        int at = pos - 2;
        char c = hex4();
        if (Character.isHighSurrogate(c)) {
            if (!in.startsWith("\\u", pos)) throw error(at, "high surrogate \\u" + hex(c) + " without its low surrogate");
            pos += 2;
            char low = hex4();
            if (!Character.isLowSurrogate(low)) throw error(at, "high surrogate \\u" + hex(c) + " followed by \\u" + hex(low));
            b.append(c).append(low);
        } else if (Character.isLowSurrogate(c)) {
            throw error(at, "low surrogate \\u" + hex(c) + " without a high surrogate before it");
        } else {
            b.append(c);
        }
    }

    private char hex4() {
        if (pos + 4 > in.length()) throw error(pos, "unterminated \\u escape");
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = hexDigit(in.charAt(pos + i));
            if (d < 0) throw error(pos + i, "bad hex digit in \\u escape");
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private Number number() {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) throw error(start, "leading zero in a number");
        } else if (isDigit(peek())) {
            while (isDigit(peek())) pos++;
        } else {
            throw error(start, "bad number");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) throw error(start, "bad number: no digit after '.'");
            while (isDigit(peek())) pos++;
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (!isDigit(peek())) throw error(start, "bad number: no digit in the exponent");
            while (isDigit(peek())) pos++;
        }
        String text = in.substring(start, pos);
        if (!integral) return new BigDecimal(text).doubleValue();
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Number) big.longValue() : big;
    }

    private Object literal(String word, Object value) {
        if (!in.startsWith(word, pos)) throw error("unexpected '" + printable(in.charAt(pos)) + "'");
        pos += word.length();
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH);
    }

    private void skipWhitespace() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private void expect(char c) {
        if (pos >= in.length()) throw error("unexpected end of input, expected '" + c + "'");
        if (in.charAt(pos) != c) throw error("expected '" + c + "'");
        pos++;
    }

    private char next(String expected) {
        if (pos >= in.length()) throw error("unexpected end of input, expected " + expected);
        return in.charAt(pos++);
    }

    private char peek() {
        return pos < in.length() ? in.charAt(pos) : '\0';
    }

    /** ASCII only: {@code Character.digit} would also take other scripts' digits, JSON does not. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? "\\u" + hex(c) : String.valueOf(c);
    }

    private JsonException error(String message) {
        return error(pos, message);
    }

    private JsonException error(int at, String message) {
        return new JsonException(message + " at column " + (at + 1), at);
    }

    /** A line that is not JSON; {@link #offset} is where the parser gave up. */
    static final class JsonException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int offset;

        JsonException(String message, int offset) {
            super(message);
            this.offset = offset;
        }
    }
}
