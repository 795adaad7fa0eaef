package vn.ioc.analytics.rows;

/**
 * One transition of an alert episode as stored in {@code alert_transitions}: its raise
 * ({@code change} +1 at the episode's raise) or its resolution (-1 at its resolution), with the
 * episode's columns. The episode's {@code deleted} and {@code version} are the transition's: a
 * transition that a later event moved or removed is written again as deleted.
 */
public record AlertTransitionRow(long at, int change, AlertRow episode) {

    public static final int RAISED = 1;
    public static final int RESOLVED = -1;

    /** The identity of the row in its table: its ordering key. */
    public String key() {
        return at + "|" + change + '|' + episode.key();
    }

    public boolean deleted() {
        return episode.deleted();
    }

    public long version() {
        return episode.version();
    }

    public AlertTransitionRow asDeleted(long newVersion) {
        return new AlertTransitionRow(at, change, episode.asDeleted(newVersion));
    }

    /** Same content, whatever the version. */
    public boolean sameContent(AlertTransitionRow o) {
        return at == o.at && change == o.change && episode.sameContent(o.episode);
    }
}
