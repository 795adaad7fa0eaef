package vn.ioc.ingest.deadletter;

/** A record of the dead-letter topic: a dead letter, or the marker saying one was replayed. */
public sealed interface DeadLetterRecord permits DeadLetter, ReplayMarker {

    /** The record key: the source, so that a source's dead letters and markers stay in order. */
    String key();
}
