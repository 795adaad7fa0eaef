package vn.ioc.dashboard.auth;

/** A person of the users file; {@code unitCode} is required for a department head and ignored otherwise. */
public record User(String username, Role role, String unitCode, String passwordHash) {
}
