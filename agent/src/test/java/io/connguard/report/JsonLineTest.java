package io.connguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class JsonLineTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder();
        JsonLine.quote(b, s);
        return b.toString();
    }

    @Test
    void nestedObjectsAndArraysGetTheirCommas() {
        String json = new JsonLine().beginObject()
                .field("a", 1).field("b", "x").field("skipped", (String) null).field("c", true)
                .name("list").beginArray().value("p").value(2).beginObject().endObject().beginArray().endArray().endArray()
                .name("o").beginObject().field("k", false).endObject()
                .name("n").value((String) null)
                .endObject().toString();
        assertEquals("{\"a\":1,\"b\":\"x\",\"c\":true,\"list\":[\"p\",2,{},[]],\"o\":{\"k\":false},\"n\":null}", json);
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0000i\\u001fj\"", quoted("a\"b\\c\nd\re\tf\bg\fh\u0000i\u001fj"));
    }

    @Test
    void lineAndParagraphSeparatorsAreEscaped() {
        assertEquals("\"a\\u2028b\\u2029c\"", quoted("a\u2028b\u2029c"));
    }

    @Test
    void unpairedSurrogatesAreEscapedAndPairsKept() {
        assertEquals("\"\\ud800x\\udc00\"", quoted("\uD800x\uDC00"));
        assertEquals("\"\uD83D\uDE00\"", quoted("\uD83D\uDE00"));
    }

    @Test
    void everyCharacterRoundTripsThroughJackson() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            if (!Character.isSurrogate(c)) all.append(c);
        }
        all.append("\uD83D\uDE00/\u2028");
        String json = new JsonLine().beginObject().field("s", all.toString()).endObject().toString();
        JsonNode node = MAPPER.readTree(json);
        assertEquals(all.toString(), node.get("s").asText());
    }
}
