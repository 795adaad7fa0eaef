package vn.ioc.ingest.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.ioc.domain.event.RejectionCode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The endpoint's answers to a hostile corpus, checked against what each request expects and
 * counted: every broken item must be rejected with a contract code and a reason, every valid event
 * accepted under its id, every broken request refused with the expected status and an error. A
 * difference is a mismatch, kept with its request for the report.
 */
public final class HostileTally {

    /** Bad items of a body whose items could not be told in advance are counted under this kind. */
    public static final String RANDOM_BYTES_KIND = "RANDOM_BYTES";
    private static final int MISMATCH_EXAMPLES = 20;
    private static final Set<String> CODES = Arrays.stream(RejectionCode.values()).map(Enum::name).collect(Collectors.toSet());
    private static final ObjectMapper JSON = new ObjectMapper();

    private long requests;
    private final Map<HostileCorpus.RequestKind, Long> requestsByKind = new EnumMap<>(HostileCorpus.RequestKind.class);
    private final Map<Integer, Long> answersByStatus = new TreeMap<>();
    private long refusedWithReason;
    private long validItems;
    private long acceptedItems;
    private final Map<String, Integer> acceptedTimesById = new HashMap<>();
    private long badItems;
    private final Map<String, Long> badItemsByKind = new TreeMap<>();
    private long rejectedItems;
    private long rejectedWithReason;
    private final Map<String, Long> rejectedByReason = new TreeMap<>();
    private long mismatches;
    private final List<String> mismatchExamples = new ArrayList<>();

    /** Counts what {@code request} sent and checks the endpoint's answer to it. */
    public void record(HostileCorpus.Request request, int status, String body) {
        countSent(request);
        answersByStatus.merge(status, 1L, Long::sum);
        if (status != request.expectedStatus()) {
            mismatch(request, "answered " + status + ", expected " + request.expectedStatus() + ": " + abbreviate(body));
            return;
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            mismatch(request, "the answer is not JSON: " + abbreviate(body));
            return;
        }
        if (answer == null || !answer.isObject()) {
            mismatch(request, "the answer is not a JSON object: " + abbreviate(body));
            return;
        }
        String message = answer.path("error").asText("") + " " + answer.path("warning").asText("");
        if (request.expectedMessage() != null && !message.contains(request.expectedMessage())) {
            mismatch(request, "the answer does not say '" + request.expectedMessage() + "': " + abbreviate(body));
        }
        if (request.answersPerItem()) {
            checkItems(request, answer);
        } else if (answer.path("error").asText("").isBlank()) {
            mismatch(request, "refused without a reason: " + abbreviate(body));
        } else {
            refusedWithReason++;
        }
    }

    /** The request got no answer at all (connection refused, reset, timed out). */
    public void noAnswer(HostileCorpus.Request request, Exception e) {
        countSent(request);
        answersByStatus.merge(0, 1L, Long::sum);
        mismatch(request, "no answer: " + e);
    }

    private void countSent(HostileCorpus.Request request) {
        requests++;
        requestsByKind.merge(request.kind(), 1L, Long::sum);
        if (request.items() != null) {
            for (HostileCorpus.Item item : request.items()) {
                if (item.valid()) {
                    validItems++;
                } else {
                    badItems++;
                    badItemsByKind.merge(item.mutation().name(), 1L, Long::sum);
                }
            }
        }
    }

    private void checkItems(HostileCorpus.Request request, JsonNode answer) {
        if (answer.path("notStored").asLong(-1) != 0) {
            mismatch(request, "notStored is " + answer.path("notStored") + ", expected 0");
        }
        JsonNode results = answer.path("results");
        List<HostileCorpus.Item> items = request.items();
        if (!results.isArray() || (items != null && results.size() != items.size())) {
            mismatch(request, "results for " + results.size() + " items, sent " + (items == null ? "?" : items.size()));
            return;
        }
        if (answer.path("accepted").asLong(-1) + answer.path("rejected").asLong(-1) != results.size()) {
            mismatch(request, "accepted " + answer.path("accepted") + " + rejected " + answer.path("rejected")
                    + " is not the " + results.size() + " results");
        }
        for (JsonNode row : results) {
            int index = row.path("index").asInt(-1);
            String status = row.path("status").asText("");
            if (items != null && (index < 0 || index >= items.size())) {
                mismatch(request, "a result for item " + index + " of " + items.size());
                continue;
            }
            HostileCorpus.Item item = items == null ? null : items.get(index);
            if (item == null) {
                badItems++;
                badItemsByKind.merge(RANDOM_BYTES_KIND, 1L, Long::sum);
            }
            if (item != null && item.valid()) {
                if (!status.equals("accepted") || !item.validEventId().equals(row.path("eventId").asText())) {
                    mismatch(request, "valid event " + item.validEventId() + " at index " + index + " was " + row);
                } else {
                    acceptedItems++;
                    acceptedTimesById.merge(item.validEventId(), 1, Integer::sum);
                }
                continue;
            }
            if (!status.equals("rejected")) {
                mismatch(request, "broken item " + index + (item == null ? "" : " (" + item.mutation() + ": "
                        + abbreviate(new String(item.bytes(), java.nio.charset.StandardCharsets.UTF_8)) + ")") + " was " + status);
                continue;
            }
            rejectedItems++;
            JsonNode errors = row.path("errors");
            boolean reasoned = errors.isArray() && !errors.isEmpty();
            for (JsonNode e : errors) {
                reasoned &= CODES.contains(e.path("code").asText()) && !e.path("reason").asText("").isBlank();
            }
            if (!reasoned) {
                mismatch(request, "item " + index + " rejected without a contract code and a reason: " + errors);
                continue;
            }
            rejectedWithReason++;
            // a dead letter is counted by its first error's code
            rejectedByReason.merge(errors.get(0).path("code").asText(), 1L, Long::sum);
        }
    }

    private void mismatch(HostileCorpus.Request request, String what) {
        mismatches++;
        if (mismatchExamples.size() < MISMATCH_EXAMPLES) {
            mismatchExamples.add("request " + request.number() + " (" + request.kind() + "): " + what);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    public long requests() {
        return requests;
    }

    public Map<HostileCorpus.RequestKind, Long> requestsByKind() {
        return Collections.unmodifiableMap(requestsByKind);
    }

    /** Answers by HTTP status; 0 for requests that got none. */
    public Map<Integer, Long> answersByStatus() {
        return Collections.unmodifiableMap(answersByStatus);
    }

    /** Whole requests refused (401, 413 before reading, 415, 400) with an error saying why. */
    public long refusedWithReason() {
        return refusedWithReason;
    }

    /** Valid items sent, repeats included. */
    public long validItems() {
        return validItems;
    }

    public long acceptedItems() {
        return acceptedItems;
    }

    /** How many times each valid event was accepted: what the events topic must hold. */
    public Map<String, Integer> acceptedTimesById() {
        return Collections.unmodifiableMap(acceptedTimesById);
    }

    public long badItems() {
        return badItems;
    }

    /** Broken items sent, by mutation ({@link #RANDOM_BYTES_KIND} for random bytes). */
    public Map<String, Long> badItemsByKind() {
        return Collections.unmodifiableMap(badItemsByKind);
    }

    public long rejectedItems() {
        return rejectedItems;
    }

    /** Rejected items whose every error has a contract code and a reason. */
    public long rejectedWithReason() {
        return rejectedWithReason;
    }

    /** Rejected items by their first error's code, the reason their dead letters are counted by. */
    public Map<String, Long> rejectedByReason() {
        return Collections.unmodifiableMap(rejectedByReason);
    }

    public long mismatches() {
        return mismatches;
    }

    public List<String> mismatchExamples() {
        return Collections.unmodifiableList(mismatchExamples);
    }

    /** The figures as a JSON-ready map (no per-event detail). */
    public Map<String, Object> figures() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", requests);
        Map<String, Long> byKind = new LinkedHashMap<>();
        requestsByKind.forEach((k, v) -> byKind.put(k.name(), v));
        m.put("requestsByKind", byKind);
        Map<String, Long> byStatus = new LinkedHashMap<>();
        answersByStatus.forEach((k, v) -> byStatus.put(Integer.toString(k), v));
        m.put("answersByStatus", byStatus);
        m.put("refusedWithReason", refusedWithReason);
        m.put("validItems", validItems);
        m.put("acceptedItems", acceptedItems);
        m.put("distinctAcceptedEvents", acceptedTimesById.size());
        m.put("badItems", badItems);
        m.put("badItemsByKind", badItemsByKind);
        m.put("rejectedItems", rejectedItems);
        m.put("rejectedWithReason", rejectedWithReason);
        m.put("rejectedByReason", rejectedByReason);
        m.put("mismatches", mismatches);
        m.put("mismatchExamples", mismatchExamples);
        return m;
    }
}
