package vn.ioc.dashboard.auth;

/**
 * A person of the users file.
 *
 * @param unitCode    required for a department head, null for the other roles
 * @param displayName how the dashboard names the person (e.g. "Nguyễn Văn An, Giám đốc Sở Xây dựng"); null when not given
 * @param enabled     false when an administrator disabled the account: it cannot sign in, its sessions were ended
 */
public record User(String username, Role role, String unitCode, String passwordHash, String displayName, boolean enabled) {
}
