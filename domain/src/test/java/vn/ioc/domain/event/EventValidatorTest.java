package vn.ioc.domain.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.ioc.domain.catalog.Catalogs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventValidatorTest {

    private static final Catalogs CATALOGS = Catalogs.loadDefault();
    private final EventValidator validator = new EventValidator(CATALOGS);

    private static final String RECEIVED = """
            {"eventId":"e-1","dossierId":"000.31.07.H23-250603-0042","type":"RECEIVED","at":"2025-06-03T14:10:00+07:00",\
            "unitCode":"000.31.07.H23","procedureCode":"2.000815","channel":"COUNTER","dueAt":"2025-06-16T17:00:00+07:00"}""";

    private Rejection onlyRejection(String json) {
        Verdict v = validator.validate(json);
        assertThat(v.accepted()).as("verdict of %s", json).isFalse();
        assertThat(v.event()).isNull();
        assertThat(v.rejections()).as("rejections of %s", json).hasSize(1);
        return v.rejections().get(0);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The object with one field set to a raw JSON value (kept in place when present, else appended). */
    private static String with(String json, String field, String rawValue) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(json);
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), f.getValue()));
            copy.set(field, JSON.readTree(rawValue));
            return JSON.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String without(String json, String field) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(json);
            node.remove(field);
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void everyExampleLineIsAcceptedAgainstTheDefaultCatalogs() {
        List<String> lines = ExampleEvents.lines();
        assertThat(lines).hasSize(18);
        for (String line : lines) {
            Verdict v = validator.validate(line.getBytes(StandardCharsets.UTF_8));
            assertThat(v.rejections()).as(line).isEmpty();
            assertThat(v.accepted()).isTrue();
        }
    }

    @Test
    void readsEveryFieldOfAReceivedEvent() {
        DossierEvent e = validator.validate(ExampleEvents.lines().get(1)).event();
        assertThat(e.eventId()).isEqualTo("e-0002");
        assertThat(e.type()).isEqualTo(EventType.RECEIVED);
        assertThat(e.at()).isEqualTo(OffsetDateTime.parse("2025-06-02T08:05:00+07:00").toInstant());
        assertThat(e.procedureCode()).isEqualTo("1.001612");
        assertThat(e.channel()).isEqualTo(Channel.ONLINE);
        assertThat(e.dueAt()).isEqualTo(OffsetDateTime.parse("2025-06-05T01:05:00Z").toInstant());
        assertThat(e.feeRequired()).isTrue();
        assertThat(e.digitized()).isTrue();
        assertThat(e.reusedData()).isFalse();
    }

    @Test
    void readsTheFieldsOfEachType() {
        List<DossierEvent> events = ExampleEvents.lines().stream().map(l -> validator.validate(l).event()).toList();
        assertThat(events.get(3).online()).isTrue();
        assertThat(events.get(4).electronicResult()).isTrue();
        assertThat(events.get(5).byPost()).isTrue();
        assertThat(events.get(6).rating()).isEqualTo(3);
        assertThat(events.get(8).toUnitCode()).isEqualTo("000.00.12.H23");
        assertThat(events.get(11).newDueAt()).isEqualTo(OffsetDateTime.parse("2025-06-20T17:00:00+07:00").toInstant());
        // a field that does not belong to the type is not carried
        DossierEvent completed = validator.validate(with(ExampleEvents.lines().get(4), "rating", "9")).event();
        assertThat(completed.rating()).isNull();
    }

    @Test
    void acceptsOtherOffsetsAndAByteOrderMark() {
        Verdict v = validator.validate("\uFEFF" + RECEIVED.replace("2025-06-03T14:10:00+07:00", "2025-06-03T07:10:00Z"));
        assertThat(v.accepted()).isTrue();
        assertThat(v.event().at()).isEqualTo(OffsetDateTime.parse("2025-06-03T14:10:00+07:00").toInstant());
    }

    @Test
    void ignoresUnknownFieldsAndTreatsNullAsAbsent() {
        assertThat(validator.validate(with(RECEIVED, "source", "{\"system\":\"iGate\",\"v\":[1,2]}")).accepted()).isTrue();
        Verdict v = validator.validate(with(RECEIVED, "dueAt", "null"));
        assertThat(v.accepted()).isTrue();
        assertThat(v.event().dueAt()).isNull();
    }

    // ---- whole-input problems -------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"eventId\":", "not json", "{'eventId':'x'}", "{\"a\":1} {\"b\":2}",
            "{\"a\":1} trailing", "{\"a\":1,\"a\":2}", "{\"a\":01}", "{\"a\":\"\u0001\"}"})
    void badJsonIsRejectedAsAWhole(String raw) {
        Rejection r = onlyRejection(raw);
        assertThat(r.code()).isEqualTo("BAD_JSON");
        assertThat(r.field()).isNull();
        assertThat(r.reason()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"[1,2]|array", "42|number", "\"x\"|string", "true|boolean", "null|null"})
    void aValueThatIsNotAnObjectIsRejected(String raw, String kind) {
        Rejection r = onlyRejection(raw);
        assertThat(r.code()).isEqualTo("BAD_JSON");
        assertThat(r.reason()).contains("must be a JSON object", kind);
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] raw = RECEIVED.getBytes(StandardCharsets.UTF_8);
        raw[20] = (byte) 0xC3;
        raw[21] = (byte) 0x28;
        Verdict v = validator.validate(raw);
        assertThat(v.rejections()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("BAD_JSON");
            assertThat(r.reason()).contains("UTF-8");
        });
        assertThat(validator.validate((byte[]) null).accepted()).isFalse();
        assertThat(validator.validate((String) null).accepted()).isFalse();
    }

    @Test
    void deepNestingHugeNumbersAndHugeInputsAreRejected() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThat(onlyRejection(deep).code()).isEqualTo("BAD_JSON");
        String open = RECEIVED.substring(0, RECEIVED.length() - 1);
        String hugeNumber = open + ",\"extra\":1" + "0".repeat(5000) + "}";
        assertThat(onlyRejection(hugeNumber).code()).isEqualTo("BAD_JSON");
        String hugeString = open + ",\"note\":\"" + "x".repeat(EventValidator.MAX_INPUT_BYTES) + "\"}";
        assertThat(onlyRejection(hugeString).code()).isEqualTo("BAD_JSON");
    }

    // ---- field problems -------------------------------------------------------------------

    @Test
    void anUnknownTypeIsRejectedButTheCommonFieldsAreStillChecked() {
        Verdict v = validator.validate(with(with(RECEIVED, "type", "\"LOST\""), "unitCode", "\"000.99.99.H23\""));
        assertThat(v.rejections()).extracting(Rejection::code, Rejection::field)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("UNKNOWN_TYPE", "type"),
                        org.assertj.core.groups.Tuple.tuple("UNKNOWN_UNIT", "unitCode"));
        assertThat(v.rejections().get(0).reason()).contains("LOST", "RECEIVED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventId", "dossierId", "type", "at", "unitCode", "procedureCode", "channel"})
    void aMissingRequiredFieldIsNamed(String field) {
        Rejection r = onlyRejection(without(RECEIVED, field));
        assertThat(r.code()).isEqualTo("MISSING_FIELD");
        assertThat(r.field()).isEqualTo(field);
        assertThat(onlyRejection(with(RECEIVED, field, "null")).code()).isEqualTo("MISSING_FIELD");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "TRANSFERRED|toUnitCode",
            "PAID|online",
            "APOLOGY_ISSUED|newDueAt",
            "RATED|rating"})
    void eachTypeRequiresItsOwnField(String type, String field) {
        String json = "{\"eventId\":\"e\",\"dossierId\":\"d\",\"type\":\"" + type
                + "\",\"at\":\"2025-06-05T10:00:00+07:00\",\"unitCode\":\"000.00.12.H23\"}";
        Rejection r = onlyRejection(json);
        assertThat(r.code()).isEqualTo("MISSING_FIELD");
        assertThat(r.field()).isEqualTo(field);
        assertThat(r.reason()).contains(type);
    }

    @Test
    void typesWithoutOwnFieldsNeedOnlyTheCommonOnes() {
        for (String type : List.of("SUBMITTED", "NOT_ACCEPTED", "SUPPLEMENT_REQUESTED", "SUPPLEMENT_RECEIVED",
                "FEE_REQUESTED", "WITHDRAWN", "STOPPED", "COMPLETED", "RETURNED")) {
            String json = "{\"eventId\":\"e\",\"dossierId\":\"d\",\"type\":\"" + type
                    + "\",\"at\":\"2025-06-05T10:00:00+07:00\",\"unitCode\":\"000.00.12.H23\"}";
            assertThat(validator.validate(json).rejections()).as(type).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"2025-06-03T14:10:00\"|has no offset",
            "\"2025-06-03\"|not an ISO-8601 time",
            "\"03/06/2025 14:10\"|not an ISO-8601 time",
            "\"2025-06-31T14:10:00+07:00\"|not an ISO-8601 time",
            "\"2025-06-03T14:10:00+0700\"|not an ISO-8601 time",
            "\"1999-12-31T23:59:59+07:00\"|outside the years 2000 to 2100",
            "\"2101-01-01T00:00:00+07:00\"|outside the years 2000 to 2100",
            "\"+999999999-12-31T23:59:59+07:00\"|outside the years 2000 to 2100"})
    void badTimesAreRejected(String value, String reason) {
        Rejection r = onlyRejection(with(RECEIVED, "at", value).replace("\"dueAt\":\"2025-06-16T17:00:00+07:00\",", ""));
        assertThat(r.code()).isEqualTo("BAD_TIME");
        assertThat(r.field()).isEqualTo("at");
        assertThat(r.reason()).contains(reason);
    }

    @Test
    void aDueBeforeTheReceiptIsRejected() {
        Rejection r = onlyRejection(with(RECEIVED, "dueAt", "\"2025-06-03T14:09:00+07:00\""));
        assertThat(r.code()).isEqualTo("BAD_TIME");
        assertThat(r.field()).isEqualTo("dueAt");
        assertThat(onlyRejection(with(RECEIVED, "dueAt", "\"soon\"")).field()).isEqualTo("dueAt");
    }

    @Test
    void unknownUnitsAndProceduresAreRejected() {
        Rejection unit = onlyRejection(with(RECEIVED, "unitCode", "\"000.99.99.H23\""));
        assertThat(unit.code()).isEqualTo("UNKNOWN_UNIT");
        assertThat(unit.field()).isEqualTo("unitCode");
        assertThat(unit.reason()).contains("000.99.99.H23");

        Rejection procedure = onlyRejection(with(RECEIVED, "procedureCode", "\"9.999999\""));
        assertThat(procedure.code()).isEqualTo("UNKNOWN_PROCEDURE");
        assertThat(procedure.field()).isEqualTo("procedureCode");

        String transfer = "{\"eventId\":\"e\",\"dossierId\":\"d\",\"type\":\"TRANSFERRED\",\"at\":\"2025-06-05T10:00:00+07:00\","
                + "\"unitCode\":\"000.00.12.H23\",\"toUnitCode\":\"000.00.99.H23\"}";
        Rejection to = onlyRejection(transfer);
        assertThat(to.code()).isEqualTo("UNKNOWN_UNIT");
        assertThat(to.field()).isEqualTo("toUnitCode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"online\"", "\"EMAIL\"", "\"\"", "2"})
    void aChannelOutsideTheThreeIsRejected(String value) {
        Rejection r = onlyRejection(with(RECEIVED, "channel", value));
        assertThat(r.code()).isEqualTo("BAD_VALUE");
        assertThat(r.field()).isEqualTo("channel");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "4", "-1", "2.5", "\"3\"", "true", "99999999999999999999", "[3]"})
    void aRatingOutsideOneToThreeIsRejected(String value) {
        String json = "{\"eventId\":\"e\",\"dossierId\":\"d\",\"type\":\"RATED\",\"at\":\"2025-06-05T10:00:00+07:00\","
                + "\"unitCode\":\"000.00.12.H23\",\"rating\":" + value + "}";
        Rejection r = onlyRejection(json);
        assertThat(r.code()).isEqualTo("BAD_VALUE");
        assertThat(r.field()).isEqualTo("rating");
        assertThat(r.reason()).contains("1, 2 or 3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "feeRequired|\"true\"|true or false",
            "digitized|1|true or false",
            "reusedData|{}|true or false",
            "procedureCode|2000815|JSON string",
            "unitCode|[]|JSON string",
            "dueAt|20250616170000|JSON string"})
    void aWrongJsonTypeIsRejected(String field, String value, String reason) {
        Rejection r = onlyRejection(with(RECEIVED, field, value));
        assertThat(r.code()).isEqualTo("BAD_VALUE");
        assertThat(r.field()).isEqualTo(field);
        assertThat(r.reason()).contains(reason);
    }

    @Test
    void idsMustBeNonEmptyAndAtMost128Characters() {
        assertThat(validator.validate(with(RECEIVED, "eventId", "\"" + "x".repeat(128) + "\"")).accepted()).isTrue();
        assertThat(validator.validate(with(RECEIVED, "eventId", "\"hồ sơ 😀\"")).accepted()).isTrue();
        for (String id : List.of("\"\"", "\"   \"", "\"" + "x".repeat(129) + "\"", "\"a\\u0000b\"", "\"a\\nb\"",
                "\"a\\ud800b\"", "\"\\udc00\"")) {
            for (String field : List.of("eventId", "dossierId")) {
                Rejection r = onlyRejection(with(RECEIVED, field, id));
                assertThat(r.code()).isEqualTo("BAD_VALUE");
                assertThat(r.field()).isEqualTo(field);
            }
        }
    }

    @Test
    void reportsEveryProblemOfAnInputAtOnce() {
        String json = "{\"eventId\":\"\",\"type\":\"RECEIVED\",\"at\":\"yesterday\",\"unitCode\":\"nowhere\","
                + "\"procedureCode\":\"0.0\",\"channel\":\"FAX\",\"feeRequired\":\"no\"}";
        assertThat(validator.validate(json).rejections()).extracting(Rejection::code, Rejection::field)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("BAD_VALUE", "eventId"),
                        org.assertj.core.groups.Tuple.tuple("MISSING_FIELD", "dossierId"),
                        org.assertj.core.groups.Tuple.tuple("BAD_TIME", "at"),
                        org.assertj.core.groups.Tuple.tuple("UNKNOWN_UNIT", "unitCode"),
                        org.assertj.core.groups.Tuple.tuple("UNKNOWN_PROCEDURE", "procedureCode"),
                        org.assertj.core.groups.Tuple.tuple("BAD_VALUE", "channel"),
                        org.assertj.core.groups.Tuple.tuple("BAD_VALUE", "feeRequired"));
    }

    @Test
    void everyCodeIsOneOfTheStableCodes() {
        assertThat(RejectionCode.values()).extracting(Enum::name).containsExactly(
                "BAD_JSON", "UNKNOWN_TYPE", "MISSING_FIELD", "BAD_TIME", "UNKNOWN_UNIT", "UNKNOWN_PROCEDURE", "BAD_VALUE");
    }

    @Test
    void theCatalogValidatorSurvivesJavaSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(validator);
        }
        EventValidator copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (EventValidator) in.readObject();
        }
        assertThat(copy.validate(RECEIVED).accepted()).isTrue();
        assertThat(copy.validate(with(RECEIVED, "unitCode", "\"x\"")).rejections()).extracting(Rejection::code)
                .containsExactly("UNKNOWN_UNIT");
    }
}
