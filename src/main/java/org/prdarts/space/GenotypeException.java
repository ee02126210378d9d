package org.prdarts.space;

/**
 * A genotype that cannot be read or is not a valid cell pair. The message is one line naming the
 * cell, node, field or text position and the value found.
 */
public class GenotypeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public GenotypeException(String message) {
        super(message);
    }

    public GenotypeException(String message, Throwable cause) {
        super(message, cause);
    }
}
