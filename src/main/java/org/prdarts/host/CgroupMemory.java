package org.prdarts.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * The memory a Linux control group still allows this process: inside a container (Docker,
 * Kubernetes) the kernel kills a process that passes its cgroup's limit, however much memory the
 * host has, so a memory check must look at the limit, not only at /proc/meminfo.
 *
 * <p>cgroup v2: {@code memory.max} ("max" = no limit) and {@code memory.current} of the process's
 * group (from {@code /proc/self/cgroup}, line {@code 0::/path}) and every group above it, the
 * smallest room winning; cgroup v1: {@code memory.limit_in_bytes} and
 * {@code memory.usage_in_bytes} of the memory controller. Page cache the kernel can reclaim
 * ({@code inactive_file} of {@code memory.stat}) counts as available, as MemAvailable does.
 */
public final class CgroupMemory {
    /** v1 reports "no limit" as a huge page-aligned number; anything above this is no limit. */
    private static final long UNLIMITED = 1L << 60;

    private CgroupMemory() {
    }

    /** Available bytes under this process's cgroup limit; empty when no limit applies or none can be read. */
    public static OptionalLong availableBytes() {
        try {
            String self = Files.isReadable(Path.of("/proc/self/cgroup"))
                    ? Files.readString(Path.of("/proc/self/cgroup")) : "";
            return availableBytes(Path.of("/sys/fs/cgroup"), self);
        } catch (IOException e) {
            // cgroup files unreadable: no limit can be known, the host's memory applies
            return OptionalLong.empty();
        }
    }

    /**
     * Available bytes under the cgroup limits found below {@code root} (the cgroup file system's
     * mount point) for a process whose /proc/self/cgroup text is {@code procSelfCgroup}.
     */
    public static OptionalLong availableBytes(Path root, String procSelfCgroup) throws IOException {
        OptionalLong best = OptionalLong.empty();
        for (Path dir : groups(root, procSelfCgroup(procSelfCgroup, "0", ""))) {
            best = min(best, room(dir, "memory.max", "memory.current", "inactive_file"));
        }
        for (Path dir : groups(root.resolve("memory"), procSelfCgroup(procSelfCgroup, null, "memory"))) {
            best = min(best, room(dir, "memory.limit_in_bytes", "memory.usage_in_bytes", "total_inactive_file"));
        }
        return best;
    }

    /**
     * The group path of a /proc/self/cgroup line ("id:controllers:path") with the given hierarchy
     * id (v2: "0") or controller ("memory"); "" when there is none.
     */
    private static String procSelfCgroup(String text, String id, String controller) {
        for (String line : text.split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && (f[0].equals(id) || (!controller.isEmpty()
                    && Arrays.asList(f[1].split(",")).contains(controller)))) {
                return f[2].strip();
            }
        }
        return "";
    }

    /**
     * The directories of a group and of every group above it up to the hierarchy's root, deepest
     * first. A container with its own cgroup namespace sees its group at the root, and a path
     * from the host's view may be missing there: then the root alone.
     */
    private static List<Path> groups(Path hierarchy, String path) {
        List<Path> dirs = new ArrayList<>();
        Path dir = hierarchy.resolve(path.replaceFirst("^/+", "")).normalize();
        if (!dir.startsWith(hierarchy) || !Files.isDirectory(dir)) {
            dir = hierarchy;
        }
        for (Path d = dir; d != null && d.startsWith(hierarchy); d = d.getParent()) {
            dirs.add(d);
        }
        return dirs;
    }

    private static OptionalLong room(Path dir, String limitFile, String usageFile, String reclaimableKey)
            throws IOException {
        OptionalLong limit = readNumber(dir.resolve(limitFile));
        if (limit.isEmpty() || limit.getAsLong() >= UNLIMITED) {
            return OptionalLong.empty();
        }
        long usage = readNumber(dir.resolve(usageFile)).orElse(0);
        long reclaimable = statField(dir.resolve("memory.stat"), reclaimableKey);
        return OptionalLong.of(Math.max(0, limit.getAsLong() - usage + reclaimable));
    }

    /** A file holding one number; empty for "max", a missing file or anything else. */
    private static OptionalLong readNumber(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return OptionalLong.empty();
        }
        String text = Files.readString(file).strip();
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // "max": no limit
        }
    }

    private static long statField(Path file, String key) throws IOException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].equals(key)) {
                try {
                    return Long.parseLong(parts[1]);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static OptionalLong min(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : OptionalLong.of(Math.min(a.getAsLong(), b.getAsLong()));
    }
}
