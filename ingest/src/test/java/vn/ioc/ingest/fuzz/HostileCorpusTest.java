package vn.ioc.ingest.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.domain.event.Verdict;
import vn.ioc.ingest.input.JsonLinesReader;
import vn.ioc.ingest.input.RawItem;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HostileCorpusTest {

    private static final Catalogs CATALOGS = Catalogs.loadDefault();
    private static final EventValidator VALIDATOR = new EventValidator(CATALOGS);
    private static final long LIMIT = 1024 * 1024;
    /** Building a corpus simulates weeks of a province: the tests share this one where they can. */
    private static final List<HostileCorpus.Request> SEED_23 = requests(23, 400);

    private static List<HostileCorpus.Request> requests(long seed, int n) {
        HostileCorpus corpus = new HostileCorpus(CATALOGS, seed, LIMIT);
        List<HostileCorpus.Request> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(corpus.nextRequest());
        }
        return out;
    }

    private static String describe(HostileCorpus.Request r) {
        return r.number() + " " + r.kind() + " " + r.contentType() + " " + r.authorization("t") + " " + r.body().length()
                + " " + new String(r.body().head(), StandardCharsets.ISO_8859_1) + " " + r.expectedStatus();
    }

    @Test
    void theSameSeedGivesTheSameCorpusAndAnotherSeedAnotherOne() throws Exception {
        HostileCorpus a = new HostileCorpus(CATALOGS, 7, LIMIT);
        HostileCorpus b = new HostileCorpus(CATALOGS, 7, LIMIT);
        List<String> requestsA = new ArrayList<>();
        List<String> requestsB = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            requestsA.add(describe(a.nextRequest()));
            requestsB.add(describe(b.nextRequest()));
        }
        List<String> otherSeed = requests(8, 80).stream().map(HostileCorpusTest::describe).toList();
        assertThat(requestsA).isEqualTo(requestsB);
        assertThat(requestsA).isNotEqualTo(otherSeed);

        ByteArrayOutputStream fileA = new ByteArrayOutputStream();
        ByteArrayOutputStream fileB = new ByteArrayOutputStream();
        a.writeJsonLines(fileA, 500);
        b.writeJsonLines(fileB, 500);
        assertThat(fileA.toByteArray()).isEqualTo(fileB.toByteArray());
    }

    @Test
    void theFirstRequestsTryEveryKindOnceAndEveryMutationComesUp() {
        List<HostileCorpus.Request> requests = SEED_23;
        assertThat(requests.subList(0, HostileCorpus.RequestKind.values().length))
                .extracting(HostileCorpus.Request::kind).containsExactly(HostileCorpus.RequestKind.values());
        Set<HostileCorpus.Mutation> seen = EnumSet.noneOf(HostileCorpus.Mutation.class);
        requests.stream().filter(r -> r.items() != null).flatMap(r -> r.items().stream())
                .filter(i -> !i.valid()).forEach(i -> seen.add(i.mutation()));
        assertThat(seen).containsExactlyInAnyOrder(HostileCorpus.Mutation.values());
    }

    @Test
    void everyItemCalledValidPassesTheContractAndEveryBrokenOneFailsItWithoutAValidEventsId() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Set<String> validIds = new HashSet<>();
        List<HostileCorpus.Item> broken = new ArrayList<>();
        for (HostileCorpus.Request r : SEED_23) {
            if (r.items() == null) {
                continue;
            }
            for (HostileCorpus.Item item : r.items()) {
                Verdict v = VALIDATOR.validate(item.bytes());
                if (item.valid()) {
                    assertThat(v.accepted()).as(new String(item.bytes(), StandardCharsets.UTF_8)).isTrue();
                    assertThat(v.event().eventId()).isEqualTo(item.validEventId());
                    validIds.add(item.validEventId());
                } else {
                    assertThat(v.accepted()).as(item.mutation() + ": " + new String(item.bytes(), StandardCharsets.UTF_8)).isFalse();
                    broken.add(item);
                }
            }
        }
        assertThat(validIds).hasSizeGreaterThan(3000);
        for (HostileCorpus.Item item : broken) {
            JsonNode node;
            try {
                node = json.readTree(item.bytes());
            } catch (Exception unreadable) {
                continue;
            }
            if (node != null && node.path("eventId").isTextual()) {
                assertThat(validIds).doesNotContain(node.path("eventId").asText());
            }
        }
    }

    @Test
    void oversizedBodiesGoPastTheLimitWithoutBeingHeldInMemory() throws Exception {
        List<HostileCorpus.Request> requests = SEED_23;
        HostileCorpus.Request declared = requests.get(HostileCorpus.RequestKind.DECLARED_OVERSIZE.ordinal());
        HostileCorpus.Request undeclared = requests.get(HostileCorpus.RequestKind.UNDECLARED_OVERSIZE.ordinal());

        assertThat(declared.body().declaredLength()).isTrue();
        assertThat(declared.body().length()).isGreaterThan(LIMIT);
        assertThat(declared.body().inMemory()).isFalse();
        assertThat(declared.expectedStatus()).isEqualTo(413);

        HostileCorpus.Body body = undeclared.body();
        assertThat(body.declaredLength()).isFalse();
        assertThat(body.head().length).isLessThan(64 * 1024);
        long total = 0;
        ByteArrayOutputStream start = new ByteArrayOutputStream();
        try (InputStream in = body.open()) {
            byte[] buffer = new byte[10_000];
            for (int n; (n = in.read(buffer)) > 0; total += n) {
                if (start.size() < body.head().length + 2048) {
                    start.write(buffer, 0, n);
                }
            }
        }
        assertThat(total).isEqualTo(body.length()).isGreaterThan(LIMIT);
        byte[] begin = start.toByteArray();
        assertThat(java.util.Arrays.copyOf(begin, body.head().length)).isEqualTo(body.head());
        assertThat(new String(begin, body.head().length, 1024, StandardCharsets.US_ASCII)).isBlank();
        assertThat(undeclared.items()).isNotEmpty().allMatch(HostileCorpus.Item::valid);
    }

    @Test
    void aWrittenFileHoldsExactlyWhatItsAccountSaysAsTheReplayReadsIt() throws Exception {
        HostileCorpus corpus = new HostileCorpus(CATALOGS, 3, LIMIT);
        for (int i = 0; i < 30; i++) {
            corpus.nextRequest(); // some valid events sent over HTTP first, to be repeated in the file
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        HostileCorpus.FileCorpus account = corpus.writeJsonLines(file, 2000);

        JsonLinesReader reader = new JsonLinesReader(new ByteArrayInputStream(file.toByteArray()), EventValidator.MAX_INPUT_BYTES);
        long lines = 0;
        long accepted = 0;
        long rejected = 0;
        Map<String, Integer> acceptedIds = new HashMap<>();
        boolean sawHugeLine = false;
        for (RawItem item; (item = reader.next()) != null; ) {
            lines++;
            Verdict v = item.problem() != null ? null : VALIDATOR.validate(item.bytes());
            if (v != null && v.accepted()) {
                accepted++;
                acceptedIds.merge(v.event().eventId(), 1, Integer::sum);
            } else {
                rejected++;
                sawHugeLine |= item.size() >= HostileCorpus.HUGE_LINE_BYTES;
            }
        }
        assertThat(lines).isEqualTo(account.lines()).isEqualTo(2000);
        assertThat(accepted).isEqualTo(account.expectedAccepted());
        assertThat(rejected).isEqualTo(account.badLines());
        assertThat(account.badLinesByMutation().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(account.badLines());
        assertThat(acceptedIds.keySet()).isEqualTo(account.validEventIds());
        assertThat(acceptedIds.values()).as("one line repeated 200 times").anyMatch(n -> n >= 200);
        assertThat(account.duplicateLines()).isGreaterThan(199);
        assertThat(account.blankLines()).isPositive();
        assertThat(sawHugeLine).isTrue();
        String text = file.toString(StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotEndWith("\n").contains("\r\n");
    }
}
