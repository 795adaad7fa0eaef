package vn.ioc.domain.event;

import java.io.Serializable;
import java.util.List;

/**
 * The outcome of {@link EventValidator#validate}: either the event, with no rejection, or null and
 * at least one rejection saying which field is wrong and why.
 */
public record Verdict(DossierEvent event, List<Rejection> rejections) implements Serializable {

    public Verdict {
        rejections = List.copyOf(rejections);
        if ((event == null) == rejections.isEmpty()) {
            throw new IllegalArgumentException("a verdict holds either an event or rejections");
        }
    }

    public static Verdict accept(DossierEvent event) {
        return new Verdict(event, List.of());
    }

    public static Verdict reject(List<Rejection> rejections) {
        return new Verdict(null, rejections);
    }

    public boolean accepted() {
        return rejections.isEmpty();
    }
}
