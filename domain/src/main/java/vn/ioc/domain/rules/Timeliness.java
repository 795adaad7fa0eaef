package vn.ioc.domain.rules;

/** Class of an ended, not withdrawn dossier: trước hạn, đúng hạn, trễ hạn. */
public enum Timeliness {
    EARLY, ON_TIME, LATE
}
