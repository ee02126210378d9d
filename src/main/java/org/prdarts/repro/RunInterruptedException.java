package org.prdarts.repro;

import java.nio.file.Path;

/** A run stopped on a signal after writing a checkpoint; it can be resumed. */
public final class RunInterruptedException extends RunStoppedException {
    private final Path runDir;

    public RunInterruptedException(String message, Path runDir) {
        super(message);
        this.runDir = runDir;
    }

    public Path runDir() {
        return runDir;
    }

    @Override
    public String outcome() {
        return Manifest.INTERRUPTED + ": " + getMessage();
    }
}
