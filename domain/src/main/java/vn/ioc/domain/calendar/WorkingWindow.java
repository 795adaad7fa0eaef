package vn.ioc.domain.calendar;

import java.io.Serializable;
import java.time.LocalTime;
import java.util.Objects;

/** Office hours within a working day, e.g. 07:00 to 11:30. {@code start} inclusive, {@code end} exclusive. */
public record WorkingWindow(LocalTime start, LocalTime end) implements Serializable {

    public WorkingWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a working window must end after it starts: " + start + "-" + end);
        }
    }
}
