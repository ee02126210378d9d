package org.prdarts.repro;

import java.util.OptionalLong;

/** Another process, or another part of this one, holds the lock of a run directory. */
public final class RunInUseException extends RunDirectoryException {

    private static final long serialVersionUID = 1L;

    private final long pid;

    /**
     * @param pid the holder's process id as it recorded it, or -1 when it could not be read
     */
    public RunInUseException(String message, long pid) {
        super(message);
        this.pid = pid;
    }

    /** The process id the holder wrote into the lock file, when it could be read. */
    public OptionalLong pid() {
        return pid < 0 ? OptionalLong.empty() : OptionalLong.of(pid);
    }
}
