package vn.ioc.domain.rules;

/** Which event ended a dossier. RETURNED ends a dossier only when it has no COMPLETED and no STOPPED. */
public enum EndKind {
    COMPLETED, RETURNED, STOPPED, WITHDRAWN
}
