package io.connguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {

    @Test
    void aReportLineParsesIntoFieldsInOrder() {
        Object v = JsonReader.parse("{\"type\":\"finding\",\"resourceId\":7,\"owner\":{\"name\":\"main\",\"id\":1,\"virtual\":false},"
            + "\"createdAt\":[\"A.b(A.java:1)\",\"C.d(C.java:2)\"],\"sql\":null}");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("type", "resourceId", "owner", "createdAt", "sql"), List.copyOf(m.keySet()));
        assertEquals(7L, m.get("resourceId"));
        assertEquals(Map.of("name", "main", "id", 1L, "virtual", false), m.get("owner"));
        assertEquals(List.of("A.b(A.java:1)", "C.d(C.java:2)"), m.get("createdAt"));
        assertSame(JsonReader.NULL, m.get("sql"));
    }

    @Test
    void numbersKeepTheirKind() {
        assertEquals(0L, JsonReader.parse("0"));
        assertEquals(-42L, JsonReader.parse("-42"));
        assertEquals(Long.MAX_VALUE, JsonReader.parse("9223372036854775807"));
        assertEquals(new BigInteger("9223372036854775808"), JsonReader.parse("9223372036854775808"));
        assertEquals(1.5, JsonReader.parse("1.5"));
        assertEquals(-2.5e-3, JsonReader.parse("-2.5E-3"));
        assertEquals(100.0, JsonReader.parse("1e2"));
    }

    @Test
    void escapesDecode() {
        assertEquals("q\" b\\ s/ \b\f\n\r\t", JsonReader.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\""));
        assertEquals("é\u2028\u0000", JsonReader.parse("\"\\u00e9\\u2028\\u0000\""));
        assertEquals("Ab", JsonReader.parse("\"\\u0041\\u0062\""));
    }

    @Test
    void surrogatePairEscapesBecomeOneCodePoint() {
        String s = (String) JsonReader.parse("\"x\\uD83D\\uDE00y\"");
        assertEquals("x\uD83D\uDE00y", s);
        assertEquals(3, s.codePointCount(0, s.length()));
        assertEquals(0x1F600, s.codePointAt(1));
    }

    @Test
    void rawNonAsciiPassesThrough() {
        assertEquals("thread \"ワーカー\" 😀", JsonReader.parse("\"thread \\\"ワーカー\\\" 😀\""));
    }

    @Test
    void whitespaceAroundTheValueIsAllowed() {
        assertEquals(List.of(1L, true, false), JsonReader.parse(" \t[ 1 , true,false ]\r\n"));
        assertEquals(Map.of(), JsonReader.parse("{ }"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",                                   // nothing
        "{\"type\":\"finding\",\"kind\":\"LE",   // a fork killed mid-write: truncated string
        "{\"type\":\"finding\",\"count\":1",     // truncated object
        "{\"type\":\"finding\",",                // truncated after a comma
        "[1,2",                                // truncated array
        "{\"a\":1,}",                          // trailing comma
        "[1,]",
        "{\"a\" 1}",                           // missing colon
        "{a:1}",                               // unquoted name
        "{'a':1}",                             // single quotes
        "{\"a\":1}{\"b\":2}",                  // two values on one line
        "{\"a\":1} x",                         // trailing garbage
        "01",                                  // leading zero
        "-",                                   // sign alone
        "1.",                                  // no fraction digits
        ".5",
        "1e",                                  // no exponent digits
        "+1",
        "NaN",
        "tru",                                 // truncated literal
        "nul",
        "True",
        "\"tab\there\"",                       // raw control character
        "\"new\nline\"",
        "\"bad \\x escape\"",
        "\"\\u12\"",                           // short \\u escape
        "\"\\u12G4\"",                         // not hex
        "\"\\uD83D\"",                         // high surrogate alone
        "\"\\uD83Dx\"",
        "\"\\uD83D\\u0041\"",                  // high surrogate then a non-surrogate
        "\"\\uDE00\"",                         // low surrogate alone
        "\"unterminated\\",
    })
    void malformedInputIsRejected(String text) {
        assertThrows(JsonReader.JsonException.class, () -> JsonReader.parse(text));
    }

    @Test
    void theErrorSaysWhereItGaveUp() {
        JsonReader.JsonException e = assertThrows(JsonReader.JsonException.class,
            () -> JsonReader.parse("{\"type\":\"finding\",\"kind\":\"LE"));
        assertTrue(e.getMessage().contains("unterminated string"), e.getMessage());
        assertTrue(e.getMessage().contains("column 26"), e.getMessage());
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "[".repeat(100_000);
        assertThrows(JsonReader.JsonException.class, () -> JsonReader.parse(deep));
    }

    @Test
    void writerOutputReadsBack() {
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("s", "quote\" back\\ nl\n ctl\u0001 ls\u2028 😀 <&>");
        doc.put("n", 12L);
        doc.put("d", 0.5);
        doc.put("list", List.of(true, false, List.of()));
        doc.put("skipped", null);
        doc.put("empty", Map.of());
        Object back = JsonReader.parse(IndentedJson.write(doc));
        doc.remove("skipped");
        assertEquals(doc, back);
    }
}
