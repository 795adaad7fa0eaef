package vn.ioc.dashboard;

import vn.ioc.dashboard.admin.Availability;
import vn.ioc.dashboard.admin.DeadLetterReplays;
import vn.ioc.ingest.deadletter.DeadLetterReplay;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A replay without Kafka for the tests of access and of the page: it keeps what it was asked and
 * answers that every selected dead letter was replayed and one more was still refused for a bad time.
 * AdminDeadLetterTest replays through a real broker.
 */
public final class RecordedReplays implements DeadLetterReplays {

    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public Availability availability() {
        return Availability.AVAILABLE;
    }

    @Override
    public Outcome replay(Request request) {
        requests.add(request);
        int selected = request.ids() == null ? 0 : request.ids().size();
        return new Outcome(new DeadLetterReplay.Result(selected, Map.of("BAD_TIME", 1), 0, 0, 0), List.of());
    }
}
