package vn.ioc.dashboard.auth;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who a signed-in person is for the dashboard, and what that lets them open. Every role is
 * read-only on the data; only ANALYST runs SQL and only ADMIN opens the administration pages.
 */
public enum Role {
    /** Lãnh đạo tỉnh: every unit, every view, read-only. */
    LEADER(EnumSet.of(Access.WALL, Access.READ)),
    /** Giám đốc Sở / Chủ tịch UBND xã: the same views, for the subtree of their own unit only. */
    DEPARTMENT_HEAD(EnumSet.of(Access.WALL, Access.READ)),
    /** Chuyên viên phân tích: everything, plus the SQL console. */
    ANALYST(EnumSet.of(Access.WALL, Access.READ, Access.SQL)),
    /** Quản trị: users, catalogs and rejected events, and read access like a leader. */
    ADMIN(EnumSet.of(Access.WALL, Access.READ, Access.ADMIN));

    private final Set<Access> grants;

    Role(Set<Access> grants) {
        this.grants = grants;
    }

    public boolean grants(Access access) {
        return access == Access.PUBLIC || access == Access.SIGNED_IN || grants.contains(access);
    }
}
