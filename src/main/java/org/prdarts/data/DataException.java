package org.prdarts.data;

/**
 * A data set could not be read or is malformed. The message is one line that names the file (or
 * data set) and the problem, so it can be shown to a user unchanged.
 */
public class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
