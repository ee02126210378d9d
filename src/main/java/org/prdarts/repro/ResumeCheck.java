package org.prdarts.repro;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compares the job a run was started with and the job it is resumed with. A resumed run must
 * compute exactly what the interrupted one would have, so only options that cannot change a
 * result (or that the user explicitly may extend, such as the epoch count) are allowed to differ.
 */
public final class ResumeCheck {

    private ResumeCheck() {
    }

    /**
     * The differences between two records of the same type, walking nested records; components
     * named in {@code resumable} are ignored, a bare name ({@code epochs}) at any depth, a dotted
     * path ({@code search.weights.lr}) there only. Each difference reads
     * "path was A, now B".
     */
    public static List<String> differences(Record saved, Record changed, Set<String> resumable) {
        if (saved.getClass() != changed.getClass()) {
            throw new IllegalArgumentException("cannot compare a " + saved.getClass().getSimpleName() + " with a "
                    + changed.getClass().getSimpleName());
        }
        List<String> out = new ArrayList<>();
        diff("", saved, changed, resumable, out);
        return out;
    }

    /**
     * Refuses a resumed job that differs from the saved one in anything but {@code resumable}.
     *
     * @throws IllegalArgumentException listing every changed option and the ones that may change
     */
    public static void require(Record saved, Record changed, Set<String> resumable) {
        List<String> diffs = differences(saved, changed, resumable);
        if (!diffs.isEmpty()) {
            throw new IllegalArgumentException("cannot resume with changed options: " + String.join(", ", diffs)
                    + " (only " + String.join(", ", resumable.stream().sorted().toList()) + " may change)");
        }
    }

    private static void diff(String prefix, Object a, Object b, Set<String> resumable, List<String> out) {
        for (RecordComponent rc : a.getClass().getRecordComponents()) {
            try {
                Object va = rc.getAccessor().invoke(a);
                Object vb = rc.getAccessor().invoke(b);
                if (resumable.contains(rc.getName()) || resumable.contains(prefix + rc.getName())
                        || Objects.equals(va, vb)) {
                    continue;
                }
                if (va != null && vb != null && va.getClass().isRecord() && va.getClass() == vb.getClass()) {
                    diff(prefix + rc.getName() + ".", va, vb, resumable, out);
                } else {
                    out.add(prefix + rc.getName() + " was " + va + ", now " + vb);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read record component " + rc.getName(), e);
            }
        }
    }
}
