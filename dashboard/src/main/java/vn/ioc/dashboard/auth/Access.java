package vn.ioc.dashboard.auth;

import io.javalin.security.RouteRole;

/**
 * What an endpoint needs, declared on every route; a route declaring nothing is refused, so a new
 * endpoint cannot be open by mistake.
 */
public enum Access implements RouteRole {
    /** Anyone, signed in or not: the sign-in page, the API description. */
    PUBLIC,
    /** Any signed-in person or the wall token: who am I, the status and the live stream. */
    SIGNED_IN,
    /** What the wall display reads: the province's KPIs, trends, scorecard, alerts. The wall token reaches only these. */
    WALL,
    /** Reports, dossiers, late lists, exports: people, scoped to their units. */
    READ,
    /** The SQL console. */
    SQL,
    /** Users, catalogs and rejected events. */
    ADMIN
}
