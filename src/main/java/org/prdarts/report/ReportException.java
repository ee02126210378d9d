package org.prdarts.report;

/** A run directory a report cannot be made from; the message names the file and the problem. */
public final class ReportException extends IllegalArgumentException {
    public ReportException(String message) {
        super(message);
    }
}
