package vn.ioc.domain.event;

import org.junit.jupiter.api.Test;
import vn.ioc.domain.catalog.Catalogs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EventJsonTest {

    private final EventValidator validator = new EventValidator(Catalogs.loadDefault());

    @Test
    void writesContractNamesAndTimesAtPlusSeven() {
        DossierEvent e = DossierEvent.of("e-0101", "000.31.07.H23-250603-0042", EventType.RECEIVED,
                        Instant.parse("2025-06-03T07:10:00Z"), "000.31.07.H23")
                .withReception("2.000815", Channel.COUNTER, Instant.parse("2025-06-16T10:00:00Z"), false, false, false);
        assertThat(EventJson.toJson(e)).isEqualTo("{\"eventId\":\"e-0101\",\"dossierId\":\"000.31.07.H23-250603-0042\","
                + "\"type\":\"RECEIVED\",\"at\":\"2025-06-03T14:10:00+07:00\",\"unitCode\":\"000.31.07.H23\","
                + "\"procedureCode\":\"2.000815\",\"channel\":\"COUNTER\",\"dueAt\":\"2025-06-16T17:00:00+07:00\","
                + "\"feeRequired\":false,\"digitized\":false,\"reusedData\":false}");
    }

    @Test
    void leavesOutNullsAndFalseOptionalsButKeepsPaidOnline() {
        Instant at = Instant.parse("2025-06-19T04:00:00Z");
        assertThat(EventJson.toJson(DossierEvent.of("e", "d", EventType.COMPLETED, at, "u").withElectronicResult(false)))
                .isEqualTo("{\"eventId\":\"e\",\"dossierId\":\"d\",\"type\":\"COMPLETED\",\"at\":\"2025-06-19T11:00:00+07:00\",\"unitCode\":\"u\"}");
        assertThat(EventJson.toJson(DossierEvent.of("e", "d", EventType.PAID, at, "u").withOnline(false)))
                .endsWith(",\"online\":false}");
        assertThat(EventJson.toJson(DossierEvent.of("e", "d", EventType.RECEIVED, at, "u")))
                .doesNotContain("dueAt", "procedureCode").contains("\"feeRequired\":false");
        assertThat(EventJson.toJson(DossierEvent.of("e", "d", EventType.SUBMITTED, at, "u").withRating(3)))
                .doesNotContain("rating");
    }

    @Test
    void keepsSubSecondPrecisionAndVietnameseText() {
        DossierEvent e = DossierEvent.of("hồ sơ-1", "d", EventType.SUBMITTED, Instant.parse("2025-06-03T07:10:00.250Z"), "u");
        String json = EventJson.toJson(e);
        assertThat(json).contains("\"2025-06-03T14:10:00.25+07:00\"", "hồ sơ-1");
        assertThat(new String(EventJson.toJsonBytes(e), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void everyExampleSurvivesARoundTrip() {
        for (String line : ExampleEvents.lines()) {
            DossierEvent e = validator.validate(line).event();
            String written = EventJson.toJson(e);
            assertThat(written).doesNotContain("\n");
            Verdict again = validator.validate(EventJson.toJsonBytes(e));
            assertThat(again.event()).as(written).isEqualTo(e);
        }
    }
}
