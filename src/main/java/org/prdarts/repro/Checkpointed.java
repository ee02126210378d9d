package org.prdarts.repro;

import java.util.function.Consumer;

/** What a checkpoint holds of a run beyond its position: network tensors, optimizer state. */
public interface Checkpointed {
    /** Adds the state to a checkpoint. */
    void saveState(Checkpoint.Builder b);

    /** Restores what {@link #saveState} wrote. */
    void loadState(Checkpoint c);

    /** The state saved and restored by the two functions. */
    static Checkpointed of(Consumer<Checkpoint.Builder> save, Consumer<Checkpoint> load) {
        return new Checkpointed() {
            @Override
            public void saveState(Checkpoint.Builder b) {
                save.accept(b);
            }

            @Override
            public void loadState(Checkpoint c) {
                load.accept(c);
            }
        };
    }
}
