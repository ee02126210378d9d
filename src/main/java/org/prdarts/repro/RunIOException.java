package org.prdarts.repro;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A run could not write its results (a full disk, a read-only or vanished directory). The message
 * names the file and says whether the last checkpoint is intact; the command line exits with its
 * own code for it, apart from bad input.
 */
public final class RunIOException extends UncheckedIOException {

    public RunIOException(String message, IOException cause) {
        super(message, cause);
    }
}
