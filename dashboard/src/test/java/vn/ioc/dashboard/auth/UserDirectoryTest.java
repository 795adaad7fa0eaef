package vn.ioc.dashboard.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.catalog.UnitCatalog;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The users file: its format, its checks, the demo file written at first start, and wall tokens. */
class UserDirectoryTest {

    private static final UnitCatalog UNITS = Catalogs.loadDefault().units();

    @Test
    void readsUsersAndWallTokensAndChecksPasswords() {
        String hash = Passwords.hash("mot-mat-khau-dai");
        String file = "# comment\n"
                + "user.lanhdao = LEADER,," + hash + "\n"
                + "user.giamdoc = department_head, 000.00.12.H23 ," + hash + "\n"
                + "wall.ioc-main = " + UserDirectory.sha256("the-token") + "\n";
        UserDirectory d = UserDirectory.parse("users.properties", new StringReader(file), UNITS);
        assertThat(d.users()).hasSize(2);
        assertThat(d.authenticate("lanhdao", "mot-mat-khau-dai")).map(User::role).contains(Role.LEADER);
        assertThat(d.authenticate("lanhdao", "wrong")).isEmpty();
        assertThat(d.authenticate("nobody", "mot-mat-khau-dai")).isEmpty();
        User head = d.authenticate("giamdoc", "mot-mat-khau-dai").orElseThrow();
        Principal p = d.principalOf(head);
        assertThat(p.homeUnit()).isEqualTo("000.00.12.H23");
        assertThat(p.canSee("000.00.12.H23")).isTrue();
        assertThat(p.canSee("000.00.00.H23")).isFalse();
        assertThat(d.wallScreen("the-token")).contains("ioc-main");
        assertThat(d.wallScreen("another")).isEmpty();
        assertThat(d.wallScreen(null)).isEmpty();
    }

    @Test
    void refusesAMalformedFileWithAMessageNamingTheLine() {
        String hash = Passwords.hash("mot-mat-khau-dai");
        assertThatThrownBy(() -> parse("user.x = KING,," + hash)).hasMessageContaining("user.x").hasMessageContaining("KING");
        assertThatThrownBy(() -> parse("user.x = LEADER,,plain-password")).hasMessageContaining("bcrypt");
        assertThatThrownBy(() -> parse("user.x = DEPARTMENT_HEAD,,", hash)).hasMessageContaining("unit");
        assertThatThrownBy(() -> parse("user.x = DEPARTMENT_HEAD,999," + hash)).hasMessageContaining("999");
        assertThatThrownBy(() -> parse("user.x = LEADER")).hasMessageContaining("<ROLE>");
        assertThatThrownBy(() -> parse("wall.w = not-a-hash")).hasMessageContaining("SHA-256");
        assertThatThrownBy(() -> parse("admin = x")).hasMessageContaining("unknown key");
    }

    private static UserDirectory parse(String... lines) {
        return UserDirectory.parse("users.properties", new StringReader(String.join("", lines)), UNITS);
    }

    @Test
    void theDemoFileHasOneUserPerRoleWithRandomPasswordsOnlyItsOwnerReads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.properties");
        UserDirectory.Generated g = UserDirectory.generateDemo(file, UNITS);
        String text = Files.readString(file);
        UserDirectory d = UserDirectory.load(file, UNITS);
        assertThat(d.users()).extracting(User::role).contains(Role.LEADER, Role.DEPARTMENT_HEAD, Role.ANALYST, Role.ADMIN);
        for (String[] u : g.users()) {
            assertThat(text).doesNotContain(u[1]);
            assertThat(d.authenticate(u[0], u[1])).as(u[0]).isPresent();
        }
        assertThat(text).doesNotContain(g.wallToken());
        assertThat(d.wallScreen(g.wallToken())).isPresent();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        UserDirectory.Generated again = UserDirectory.generateDemo(dir.resolve("other.properties"), UNITS);
        assertThat(again.users().get(0)[1]).isNotEqualTo(g.users().get(0)[1]);
    }

    @Test
    void readsTheStateAndTheDisplayNameAndStillReadsLinesWithoutThem() {
        String hash = Passwords.hash("mot-mat-khau-dai");
        UserDirectory d = parse("user.cu = LEADER,," + hash + "\n",
                "user.khoa = ANALYST,," + hash + ",disabled,Phạm Thị Dung, phòng Công nghệ thông tin\n",
                "user.moi = ADMIN,," + hash + ",enabled,\n");
        assertThat(d.find("cu").orElseThrow()).extracting(User::enabled, User::displayName).containsExactly(true, null);
        assertThat(d.find("khoa").orElseThrow()).extracting(User::enabled, User::displayName)
                .containsExactly(false, "Phạm Thị Dung, phòng Công nghệ thông tin");
        assertThat(d.authenticate("khoa", "mot-mat-khau-dai")).as("a disabled user cannot sign in").isEmpty();
        assertThat(d.find("moi").orElseThrow().displayName()).isNull();
        assertThatThrownBy(() -> parse("user.x = LEADER,," + hash + ",maybe")).hasMessageContaining("enabled or disabled");
    }

    @Test
    void aChangeRewritesTheWholeFileAtomicallyAndKeepsTheWallScreens(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.properties");
        UserDirectory.Generated g = UserDirectory.generateDemo(file, UNITS);
        UserDirectory d = UserDirectory.load(file, UNITS);
        UserDirectory.Change change = d.change(users -> {
            User u = users.get("phantich");
            users.put("phantich", new User(u.username(), u.role(), null, u.passwordHash(), "C:\\dữ liệu\\ \\u0041 #1", false));
            return users;
        });
        assertThat(change.before().get("phantich").enabled()).isTrue();
        assertThat(change.after().get("phantich").enabled()).isFalse();
        assertThat(d.find("phantich").orElseThrow().enabled()).as("served at once").isFalse();

        UserDirectory again = UserDirectory.load(file, UNITS);
        assertThat(again.find("phantich").orElseThrow().displayName()).isEqualTo("C:\\dữ liệu\\ \\u0041 #1");
        assertThat(again.users()).hasSameSizeAs(d.users());
        assertThat(again.wallScreen(g.wallToken())).contains("ioc-main");
        assertThat(again.authenticate("lanhdao", g.users().get(0)[1])).isPresent();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        assertThatThrownBy(() -> d.change(users -> {
            users.put("x", new User("x", Role.DEPARTMENT_HEAD, "000.99.99.H23", users.get("lanhdao").passwordHash(), null, true));
            return users;
        })).hasMessageContaining("000.99.99.H23");
        assertThat(UserDirectory.load(file, UNITS).find("x")).as("nothing written").isEmpty();
    }

    @Test
    void usersKeptInMemoryCannotBeChanged() {
        UserDirectory d = UserDirectory.of(java.util.List.of(), java.util.Map.of(), UNITS);
        assertThat(d.file()).isEmpty();
        assertThatThrownBy(() -> d.change(users -> users)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWeakPasswordIsRefusedWithTheReason() {
        assertThat(Passwords.weakness("mot-mat-khau-dai", "lanhdao")).isNull();
        assertThat(Passwords.weakness("Bốn con mèo ăn cá", "lanhdao")).isNull();
        assertThat(Passwords.weakness("ngan", "lanhdao")).contains("10 characters");
        assertThat(Passwords.weakness("LanhDao-2026!", "lanhdao")).contains("username");
        assertThat(Passwords.weakness("Password123", null)).contains("common");
        assertThat(Passwords.weakness("abababababab", null)).contains("5 different");
        assertThat(Passwords.weakness("ư".repeat(40), null)).contains("72 bytes");
        assertThat(Passwords.weakness(null, "x")).isNotNull();
    }

    @Test
    void signInGoesBackOnlyToAPathOfThisSite() {
        assertThat(AccessControl.safeNext("/report?unit=1")).isEqualTo("/report?unit=1");
        assertThat(AccessControl.safeNext("//evil.example/")).isNull();
        assertThat(AccessControl.safeNext("https://evil.example/")).isNull();
        assertThat(AccessControl.safeNext("/\\evil.example")).isNull();
        assertThat(AccessControl.safeNext(null)).isNull();
    }
}
