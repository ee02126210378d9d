package org.prdarts.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tiny searches (both methods) and trainings at the small channel counts users pick, one after
 * another in one JVM: the child process of {@link SmallChannelsTest}, run under glibc's checking
 * allocator so that an engine kernel writing past its buffer aborts the process. Exits with the
 * first non-zero exit code, naming the configuration.
 */
public final class SmallChannelsMain {
    /** Channel counts C of the first cells; FactorizedReduce then reads C to 4C channels. */
    static final int[] CHANNELS = {2, 4, 6, 8};
    /** Grey and colour inputs. */
    static final int[] IMAGE_CHANNELS = {1, 3};
    /**
     * Image side: the engine's faulty kernel (see FactorizedReduce) corrupted the heap detectably
     * from 64x64 on an AVX-512 Xeon; 28x28 passed there with the same bug.
     */
    static final int IMAGE_SIZE = 64;

    private SmallChannelsMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createDirectories(Path.of(args[0]));
        int n = 0;
        for (int c : CHANNELS) {
            // both methods at every C, one on grey and one on colour input; the search networks
            // share every operation, so the other pairing adds no kernel
            run(List.of("search", "--method", "darts"), c, 1, root.resolve("s" + n++));
            run(List.of("search", "--method", "prdarts"), c, 3, root.resolve("s" + n++));
            for (int imageChannels : IMAGE_CHANNELS) {
                // with the auxiliary head on colour input, without on grey
                run(List.of("train", "--genotype", "DARTS_V2", "--auxiliary-weight", imageChannels == 3 ? "0.4" : "0"),
                        c, imageChannels, root.resolve("t" + n++));
            }
        }
        System.out.println("ok " + n + " runs");
    }

    private static void run(List<String> command, int channels, int imageChannels, Path out) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--dataset", "synthetic", "--subset", "16", "--batch-size", "8", "--layers", "3",
                "--epochs", "1", "--channels", Integer.toString(channels), "--image-size", Integer.toString(IMAGE_SIZE),
                "--image-channels", Integer.toString(imageChannels), "--threads", "2", "--out", out.toString()));
        int code = Main.run(args.toArray(String[]::new));
        if (code != 0) {
            System.out.println("exit " + code + ": " + String.join(" ", args));
            System.exit(code);
        }
    }
}
