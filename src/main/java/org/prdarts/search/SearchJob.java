package org.prdarts.search;

import com.google.gson.JsonElement;
import org.prdarts.data.DataConfig;
import org.prdarts.repro.Json;
import org.prdarts.repro.RunKind;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a search run needs, resolved: written to the run directory as config.json.
 *
 * @param preset   the preset the options started from (informational)
 * @param data     images and splits
 * @param channels C of the supernet
 * @param layers   L, number of cells
 * @param nodes    N, intermediate nodes per cell
 * @param ops      candidate operations
 * @param search   optimisation and method settings
 * @param device   "cpu" or "gpu"
 * @param threads  engine intra-op threads (0 = engine default)
 * @param out      run directory (null = runs/<time>-<method>)
 */
public record SearchJob(String preset, DataConfig data, int channels, int layers, int nodes, List<String> ops,
                        SearchConfig search, String device, int threads, Path out)
        implements RunKind.Job<SearchJob> {

    public SearchJob {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, found " + channels);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be >= 1, found " + layers);
        }
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be >= 1, found " + nodes);
        }
        ops = org.prdarts.space.ops.Ops.validate(ops);
        if (ops.stream().allMatch("none"::equals)) {
            throw new IllegalArgumentException("ops must hold an operation other than none, found " + ops);
        }
        if (!"cpu".equals(device) && !"gpu".equals(device)) {
            throw new IllegalArgumentException("device must be cpu or gpu, found '" + device + "'");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, found " + threads);
        }
    }

    @Override
    public SearchJob withOut(Path newOut) {
        return new SearchJob(preset, data, channels, layers, nodes, ops, search, device, threads, newOut);
    }

    public SearchJob withSearch(SearchConfig newSearch) {
        return new SearchJob(preset, data, channels, layers, nodes, ops, newSearch, device, threads, out);
    }

    /** The JSON of a job in the current layout: an older flat search config is regrouped. */
    public static JsonElement upgradeJson(JsonElement job) {
        return Json.upgradeMember(job, "search", SearchConfig::upgradeJson);
    }
}
