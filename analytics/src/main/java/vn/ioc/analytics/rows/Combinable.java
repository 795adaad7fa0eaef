package vn.ioc.analytics.rows;

/** A change to one row of a daily aggregate that can be summed with other changes to the same row. */
public interface Combinable<C> {

    /** The aggregate row it changes. */
    String aggregateKey();

    /** Both changes as one: a change to the same row. */
    C plus(C other);
}
