package io.connguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UtcTimeTest {
    @Test
    void formatsLikeInstantWithMillisecondsAlwaysShown() {
        assertEquals("1970-01-01T00:00:00.000Z", UtcTime.format(0));
        assertEquals("2026-11-25T13:15:26.982Z", UtcTime.format(Instant.parse("2026-11-25T13:15:26.982Z").toEpochMilli()));
        assertEquals("2024-02-29T23:59:59.999Z", UtcTime.format(Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli()));
        assertEquals("1969-12-31T23:59:59.999Z", UtcTime.format(-1));
    }

    @Test
    void agreesWithInstantOverFourCenturies() {
        Random random = new Random(42);
        long span = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 100_000; i++) {
            long millis = Math.floorMod(random.nextLong(), 2 * span) - span / 2;
            Instant at = Instant.ofEpochMilli(millis);
            String expected = at.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "")
                + String.format(".%03dZ", Math.floorMod(millis, 1000L));
            assertEquals(expected, UtcTime.format(millis), () -> "at " + millis);
        }
    }
}
