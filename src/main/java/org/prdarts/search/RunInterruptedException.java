package org.prdarts.search;

import java.nio.file.Path;

/** A run stopped on a signal after writing a checkpoint; it can be resumed. */
public final class RunInterruptedException extends RuntimeException {
    private final Path runDir;

    public RunInterruptedException(String message, Path runDir) {
        super(message);
        this.runDir = runDir;
    }

    public Path runDir() {
        return runDir;
    }
}
