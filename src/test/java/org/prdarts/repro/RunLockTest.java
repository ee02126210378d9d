package org.prdarts.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {

    @TempDir
    Path dir;

    @Test
    void secondProcessIsRefusedWithItsPidUntilTheHolderExits() throws Exception {
        try (ChildJvm child = ChildJvm.start(LockHolderMain.class, dir.toString())) {
            String line = child.readLine();
            long pid = child.process.pid();
            assertEquals("locked " + pid, line);

            RunInUseException e = assertThrows(RunInUseException.class, () -> RunLock.acquire(dir));
            assertEquals("run directory " + dir + " is in use by another process (pid " + pid + ")",
                    e.getMessage());
            assertEquals(pid, e.pid().getAsLong());
            // A run directory refuses through its lock as well.
            assertThrows(RunInUseException.class, () -> RunDirectory.create(dir, "darts"));

            child.process.getOutputStream().close();
            assertTrue(child.process.waitFor(20, TimeUnit.SECONDS), "lock holder did not exit");
        }
        try (RunLock lock = RunLock.acquire(dir)) {
            assertTrue(lock.isHeld());
            assertEquals(ProcessHandle.current().pid() + "\n",
                    Files.readString(dir.resolve(RunLock.FILE_NAME)));
        }
    }

    @Test
    void secondClaimInTheSameJvmIsRefusedAndCloseReleases() throws IOException {
        RunLock first = RunLock.acquire(dir);
        RunInUseException e = assertThrows(RunInUseException.class, () -> RunLock.acquire(dir));
        long self = ProcessHandle.current().pid();
        assertEquals("run directory " + dir + " is already in use by this process (pid " + self + ")",
                e.getMessage());
        first.close();
        assertFalse(first.isHeld());
        first.close();
        try (RunLock again = RunLock.acquire(dir)) {
            assertTrue(again.isHeld());
        }
    }

    @Test
    void lockTakenOutsideTheClassInThisJvmIsReported() throws IOException {
        try (FileChannel ch = FileChannel.open(dir.resolve(RunLock.FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            RunInUseException e = assertThrows(RunInUseException.class, () -> RunLock.acquire(dir));
            assertTrue(e.getMessage().contains("already in use by this process"), e.getMessage());
        }
    }

    @Test
    void missingDirectoryIsRefused() {
        Path missing = dir.resolve("nope");
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> RunLock.acquire(missing));
        assertEquals("cannot lock run directory " + missing + ": it is not a directory", e.getMessage());
    }
}
