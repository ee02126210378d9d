package org.prdarts.repro;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, so that writers passed to
 * {@link AtomicFiles#write} can use stream APIs directly instead of wrapping every call.
 */
@FunctionalInterface
public interface IOConsumer<T> {

    void accept(T value) throws IOException;
}
