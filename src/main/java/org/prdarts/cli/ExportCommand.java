package org.prdarts.cli;

import org.prdarts.export.TorchExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `prdarts export`: a trained model as safetensors with DARTS' PyTorch names, for python/prdarts_torch.py. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a trained model for PyTorch: model.safetensors under the parameter names of the "
                + "DARTS NetworkCIFAR / NetworkImageNet code (BatchNorm statistics included), genotype.json "
                + "and network.json (network shape and input normalisation). python/prdarts_torch.py rebuilds "
                + "the network from them.")
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR",
            description = "Model directory (a 'prdarts train' run directory).")
    Path model;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory. Default: RUN_DIR/pytorch.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Path dir = out != null ? out : model.resolve("pytorch");
        TorchExport.Result r = TorchExport.export(model, dir);
        System.out.printf(Locale.ROOT, "exported %d tensors (%,d values) to %s%n", r.tensors(), r.values(), r.dir());
        System.out.println("  " + TorchExport.WEIGHTS + ", " + TorchExport.GENOTYPE + ", " + TorchExport.NETWORK);
        System.out.println("load it: python3 -c \"import prdarts_torch; m, info = prdarts_torch.load('" + dir
                + "')\" (with python/ on PYTHONPATH)");
        return 0;
    }
}
