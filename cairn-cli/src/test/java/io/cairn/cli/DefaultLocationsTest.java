package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.cache.CacheDirectory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the default repository and cache go: the XDG variables, else $HOME as the shell has it. */
class DefaultLocationsTest {
    @Test
    void theRepositoryDefaultsUnderXdgDataHomeElseHome() {
        assertThat(RepositoryLocation.defaultLocation(Map.of("HOME", "/home/ann")))
                .isEqualTo("/home/ann/.local/share/cairn/repository");
        assertThat(RepositoryLocation.defaultLocation(Map.of("HOME", "/home/ann", "XDG_DATA_HOME", "/data")))
                .isEqualTo("/data/cairn/repository");
        assertThat(RepositoryLocation.defaultLocation(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local/share/cairn/repository").toString());
    }

    @Test
    void theCacheDefaultsToItsOwnVariableElseXdgCacheHomeElseHome() {
        assertThat(CacheDirectory.defaultRoot(Map.of("HOME", "/home/ann"))).isEqualTo(Path.of("/home/ann/.cache/cairn"));
        assertThat(CacheDirectory.defaultRoot(Map.of("HOME", "/home/ann", "XDG_CACHE_HOME", "/c")))
                .isEqualTo(Path.of("/c/cairn"));
        assertThat(CacheDirectory.defaultRoot(Map.of("HOME", "/home/ann", "XDG_CACHE_HOME", "/c", "CAIRN_CACHE_DIR", "/own")))
                .isEqualTo(Path.of("/own"));
    }
}
