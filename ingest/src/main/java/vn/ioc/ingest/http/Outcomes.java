package vn.ioc.ingest.http;

import vn.ioc.domain.event.Rejection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The per-item results of one request: each item is an accepted event on its way to the events
 * topic or a rejected one on its way to the dead-letter topic; once Kafka has answered, each is
 * {@code accepted}, {@code rejected} (its dead letter stored) or {@code not_stored}.
 */
final class Outcomes {

    static final String ACCEPTED = "accepted";
    static final String REJECTED = "rejected";
    static final String NOT_STORED = "not_stored";
    static final String NOT_STORED_CODE = "NOT_STORED";

    static final class Row {
        final int index;
        final long line;
        final String eventId;
        final boolean valid;
        final List<Rejection> errors;
        final CompletableFuture<Void> stored;
        String status;
        String storeProblem;

        Row(int index, long line, String eventId, boolean valid, List<Rejection> errors, CompletableFuture<Void> stored) {
            this.index = index;
            this.line = line;
            this.eventId = eventId;
            this.valid = valid;
            this.errors = errors;
            this.stored = stored;
        }

        /** The validation errors, and why it was not stored when it was not. */
        List<Rejection> allErrors() {
            if (storeProblem == null) {
                return errors;
            }
            List<Rejection> all = new ArrayList<>(errors);
            all.add(new Rejection(NOT_STORED_CODE, null, storeProblem));
            return all;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private int accepted;
    private int rejected;
    private int notStored;

    Row add(int index, long line, String eventId, boolean valid, List<Rejection> errors, CompletableFuture<Void> stored) {
        Row r = new Row(index, line, eventId, valid, errors, stored);
        rows.add(r);
        return r;
    }

    /** Waits for Kafka's answer on every item, until the deadline (System.nanoTime()). */
    void await(long deadlineNanos) throws InterruptedException {
        for (Row r : rows) {
            String problem = awaitStored(r.stored, deadlineNanos);
            if (problem == null) {
                r.status = r.valid ? ACCEPTED : REJECTED;
            } else {
                r.status = NOT_STORED;
                r.storeProblem = problem;
            }
            switch (r.status) {
                case ACCEPTED -> accepted++;
                case REJECTED -> rejected++;
                default -> notStored++;
            }
        }
    }

    /** Null when stored, else why not. */
    static String awaitStored(CompletableFuture<Void> f, long deadlineNanos) throws InterruptedException {
        try {
            f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            Throwable cause = SendGuard.unwrap(e);
            return cause instanceof SendGuard.NotSentException ? cause.getMessage()
                    : "Kafka did not store it: " + SendGuard.describe(cause);
        } catch (TimeoutException e) {
            return "Kafka did not acknowledge it in time; it may still arrive (resending is harmless: event ids count once)";
        }
    }

    List<Row> rows() {
        return rows;
    }

    int size() {
        return rows.size();
    }

    int accepted() {
        return accepted;
    }

    int rejected() {
        return rejected;
    }

    int notStored() {
        return notStored;
    }
}
