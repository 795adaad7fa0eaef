package vn.ioc.domain.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import vn.ioc.domain.catalog.Catalogs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The published JSON Schema (docs/event-contract.schema.json) says what the validator does. */
class EventSchemaConsistencyTest {

    private static final Path SCHEMA = Path.of("../docs/event-contract.schema.json");
    private final EventValidator validator = new EventValidator(Catalogs.loadDefault());

    private static JsonNode schema() throws Exception {
        return new ObjectMapper().readTree(Files.readString(SCHEMA));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void typesAndCommonFieldsMatch() throws Exception {
        JsonNode s = schema();
        assertThat(s.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(texts(s.at("/properties/type/enum")))
                .containsExactlyElementsOf(Arrays.stream(EventType.values()).map(Enum::name).toList());
        assertThat(texts(s.at("/properties/channel/enum")))
                .containsExactlyElementsOf(Arrays.stream(Channel.values()).map(Enum::name).toList());
        assertThat(texts(s.get("required"))).containsExactly("eventId", "dossierId", "type", "at", "unitCode");
        assertThat(s.at("/$defs/id/maxLength").asInt()).isEqualTo(EventValidator.MAX_ID_LENGTH);
    }

    @Test
    void perTypeRequiredFieldsAreExactlyTheOnesTheValidatorMisses() throws Exception {
        for (JsonNode rule : schema().get("allOf")) {
            String type = rule.at("/if/properties/type/const").asText();
            List<String> required = texts(rule.at("/then/required"));
            String bare = "{\"eventId\":\"e\",\"dossierId\":\"d\",\"type\":\"" + type
                    + "\",\"at\":\"2025-06-05T10:00:00+07:00\",\"unitCode\":\"000.00.12.H23\"}";
            assertThat(validator.validate(bare).rejections())
                    .allSatisfy(r -> assertThat(r.code()).isEqualTo("MISSING_FIELD"))
                    .extracting(Rejection::field).containsExactlyInAnyOrderElementsOf(required);
        }
    }

    @Test
    void theTimePatternAgreesWithTheValidatorOnTypicalTimes() throws Exception {
        Pattern time = Pattern.compile(schema().at("/$defs/time/pattern").asText());
        for (String ok : List.of("2025-06-03T14:10:00+07:00", "2025-06-03T07:10:00Z", "2025-06-03T14:10+07:00",
                "2025-06-03T14:10:00.250+07:00", "2100-12-31T23:59:59+07:00")) {
            assertThat(time.matcher(ok).find()).as(ok).isTrue();
        }
        for (String bad : List.of("2025-06-03T14:10:00", "2025-06-03", "1999-12-31T23:59:59+07:00", "20250603141000")) {
            assertThat(time.matcher(bad).find()).as(bad).isFalse();
        }
    }

    @Test
    void theSchemaExamplesAreAccepted() throws Exception {
        for (JsonNode example : schema().get("examples")) {
            assertThat(validator.validate(example.toString()).rejections()).isEmpty();
        }
    }
}
