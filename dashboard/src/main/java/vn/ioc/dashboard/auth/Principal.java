package vn.ioc.dashboard.auth;

import java.util.Set;

/**
 * Who is asking: a person with a role, or a wall screen holding the read-only token (role null).
 *
 * @param homeUnit the unit a department head answers for (the default unit of every view); null for the others
 * @param units    the unit codes this principal may see; null means every unit
 */
public record Principal(String name, Role role, String homeUnit, Set<String> units) {

    public static Principal wall(String tokenName) {
        return new Principal("wall:" + tokenName, null, null, null);
    }

    public boolean isWall() {
        return role == null;
    }

    public boolean may(Access access) {
        if (isWall()) {
            return access == Access.PUBLIC || access == Access.SIGNED_IN || access == Access.WALL;
        }
        return role.grants(access);
    }

    public boolean canSee(String unitCode) {
        return units == null || units.contains(unitCode);
    }

    public boolean seesEverything() {
        return units == null;
    }
}
