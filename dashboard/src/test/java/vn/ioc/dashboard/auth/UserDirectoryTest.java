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
    void signInGoesBackOnlyToAPathOfThisSite() {
        assertThat(AccessControl.safeNext("/report?unit=1")).isEqualTo("/report?unit=1");
        assertThat(AccessControl.safeNext("//evil.example/")).isNull();
        assertThat(AccessControl.safeNext("https://evil.example/")).isNull();
        assertThat(AccessControl.safeNext("/\\evil.example")).isNull();
        assertThat(AccessControl.safeNext(null)).isNull();
    }
}
