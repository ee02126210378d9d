package org.prdarts.repro;

import java.io.IOException;

/** A run directory cannot be used as asked: it holds another run, or there is nothing to resume. */
public class RunDirectoryException extends IOException {

    private static final long serialVersionUID = 1L;

    public RunDirectoryException(String message) {
        super(message);
    }
}
