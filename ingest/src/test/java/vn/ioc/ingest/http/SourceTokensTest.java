package vn.ioc.ingest.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceTokensTest {

    @Test
    void aTokenFileMapsEachTokenToItsSourceAndKeepsOnlyDigests(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tokens.properties");
        Files.writeString(file, "# source = sha256 of its token\n"
                + "igate-haugiang = " + SourceTokens.sha256Hex("secret-one") + "\n"
                + "dvcqg-sync=sha256:" + SourceTokens.sha256Hex("secret-two").toUpperCase()
                + ", " + SourceTokens.sha256Hex("secret-two-next") + "\n");
        SourceTokens tokens = SourceTokens.load(file);
        assertThat(tokens.sources()).containsExactly("dvcqg-sync", "igate-haugiang");
        assertThat(tokens.sourceOf("secret-one")).contains("igate-haugiang");
        assertThat(tokens.sourceOf("secret-two")).contains("dvcqg-sync");
        assertThat(tokens.sourceOf("secret-two-next")).contains("dvcqg-sync");
        assertThat(tokens.sourceOf("secret-three")).isEmpty();
        assertThat(tokens.sourceOf("")).isEmpty();
        assertThat(tokens.sourceOf(null)).isEmpty();
        assertThat(Files.readString(file)).doesNotContain("secret");
    }

    @Test
    void aMalformedLineIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tokens.properties");
        Files.writeString(file, "igate = not-a-digest\n");
        assertThatThrownBy(() -> SourceTokens.load(file)).hasMessageContaining("igate").hasMessageContaining("64 hex");
        Files.writeString(file, "bad/name = " + SourceTokens.sha256Hex("x") + "\n");
        assertThatThrownBy(() -> SourceTokens.load(file)).hasMessageContaining("not a source name");
    }

    @Test
    void twoSourcesCannotShareAToken() {
        assertThatThrownBy(() -> SourceTokens.ofTokens(java.util.Map.of("a", "same", "b", "same")))
                .hasMessageContaining("same token");
    }
}
