package org.prdarts.repro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checkpoints of one run directory: the newest ({@value #CURRENT}) and the one before it
 * ({@value #PREVIOUS}). A new checkpoint is written completely under a temporary name (flushed
 * and renamed by {@link AtomicFiles}) before the older ones rotate, so a crash at any moment leaves
 * at least one complete checkpoint; loading takes the newest one that verifies.
 */
public final class CheckpointStore {
    public static final String CURRENT = "checkpoint.ckpt";
    public static final String PREVIOUS = "checkpoint.prev.ckpt";
    static final String NEXT = "checkpoint.next.ckpt";
    /** Metadata key ordering checkpoints: a counter that grows with every checkpoint of a run. */
    public static final String POSITION = "position";

    private final Path dir;

    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    /** Writes a checkpoint; its metadata must carry a {@value #POSITION}. */
    public void save(Checkpoint checkpoint) throws IOException {
        if (!checkpoint.meta().has(POSITION)) {
            throw new IllegalArgumentException("checkpoint metadata needs a '" + POSITION + "'");
        }
        Path next = dir.resolve(NEXT);
        AtomicFiles.write(next, checkpoint::write);
        Path current = dir.resolve(CURRENT);
        if (Files.exists(current)) {
            move(current, dir.resolve(PREVIOUS));
        }
        move(next, current);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Outcome of looking for a usable checkpoint. */
    public record Loaded(Checkpoint checkpoint, Path file, List<String> skipped) {
    }

    /**
     * The newest checkpoint that verifies, with the reasons others were skipped; empty when the
     * directory holds no checkpoint file at all.
     *
     * @throws CheckpointException when checkpoint files exist but none is usable
     */
    public Optional<Loaded> loadLatest() {
        List<String> skipped = new ArrayList<>();
        Checkpoint best = null;
        Path bestFile = null;
        boolean any = false;
        for (String name : List.of(NEXT, CURRENT, PREVIOUS)) {
            Path f = dir.resolve(name);
            if (!Files.isRegularFile(f)) {
                continue;
            }
            any = true;
            try {
                Checkpoint c = Checkpoint.read(f);
                long pos = c.meta().get(POSITION).getAsLong();
                if (best == null || pos > best.meta().get(POSITION).getAsLong()) {
                    best = c;
                    bestFile = f;
                }
            } catch (CheckpointException | NullPointerException | IllegalStateException
                     | UnsupportedOperationException e) {
                skipped.add(name + ": " + e.getMessage());
            }
        }
        if (!any) {
            return Optional.empty();
        }
        if (best == null) {
            throw new CheckpointException("no usable checkpoint in " + dir + " (" + String.join("; ", skipped) + ")");
        }
        return Optional.of(new Loaded(best, bestFile, skipped));
    }

    public Path dir() {
        return dir;
    }
}
