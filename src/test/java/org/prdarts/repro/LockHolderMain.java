package org.prdarts.repro;

import java.io.OutputStream;
import java.nio.file.Path;

/** Holds the lock of the run directory {@code args[0]} until its standard input closes. */
public final class LockHolderMain {

    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
            System.out.println("locked " + ProcessHandle.current().pid());
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
