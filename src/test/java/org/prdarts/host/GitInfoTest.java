package org.prdarts.host;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitInfoTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static boolean git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t",
                "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static boolean gitAvailable() {
        try {
            return git(Path.of("."), "--version");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void outsideARepositoryThereIsNoCommit() {
        assertEquals(Optional.empty(), GitInfo.probe(dir, TIMEOUT));
    }

    @Test
    void reportsHeadAndDirtiness() throws Exception {
        Assumptions.assumeTrue(gitAvailable(), "git is not installed");
        assertTrue(git(dir, "init", "-q"));
        assertEquals(Optional.empty(), GitInfo.probe(dir, TIMEOUT), "no commit yet");
        Files.writeString(dir.resolve("a.txt"), "one");
        assertTrue(git(dir, "add", "a.txt"));
        assertTrue(git(dir, "commit", "-q", "-m", "first"));

        GitInfo clean = GitInfo.probe(dir, TIMEOUT).orElseThrow();
        assertTrue(clean.commit().matches("[0-9a-f]{40}|[0-9a-f]{64}"), clean.commit());
        assertFalse(clean.dirty());

        Files.writeString(dir.resolve("untracked.txt"), "scratch");
        assertFalse(GitInfo.probe(dir, TIMEOUT).orElseThrow().dirty(), "untracked files do not count");

        Files.writeString(dir.resolve("a.txt"), "two");
        GitInfo dirty = GitInfo.probe(dir, TIMEOUT).orElseThrow();
        assertEquals(clean.commit(), dirty.commit());
        assertTrue(dirty.dirty());
    }

    @Test
    void rejectsMalformedCommit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GitInfo("abc", false));
        assertEquals("commit must be a 40 or 64 digit hex object name, found abc", e.getMessage());
    }
}
