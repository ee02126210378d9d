#!/usr/bin/env python3
"""The path term's weight, summarised: reads the rows tools/path-sweep.sh appended to a record file
(default docs/data/path-sweep.csv), keeps those of one epoch count, and prints one Markdown row per
lambda_path: each term's share of the architecture gradient norm (mean over seeds, sd), and per
seed the parametric depth and skip count of the normal cell, the nodes decided beyond the
calibrated null, how many of its 8 inputs lie on the chain edges the path term rewards, the
supernet's training accuracy, the derived cell's held-out accuracy with the
supernet's weights; then the same for the label-shuffled null
searches, whose cell is what the regularizers choose with nothing to learn.

    tools/path-sweep-table.py [RECORD.csv] [--epochs 14]
"""
import csv
import re
import statistics
import sys
from collections import defaultdict


def main():
    args = sys.argv[1:]
    epochs = "14"
    if "--epochs" in args:
        i = args.index("--epochs")
        epochs = args[i + 1]
        del args[i:i + 2]
    record = args[0] if args else "docs/data/path-sweep.csv"
    # (kind, lambda) -> seed -> metric -> value
    runs = defaultdict(lambda: defaultdict(dict))
    with open(record) as f:
        for row in csv.DictReader(f):
            m = re.match(r"(real|null)\b.*?seed (\d+), time [\d.]+s, epochs (\d+), warm-up \d+, lambdaPath ([\d.eE-]+)",
                         row["config"])
            if not m or m.group(3) != epochs:
                continue
            kind, seed, lam = m.group(1), int(m.group(2)), float(m.group(4))
            runs[(kind, lam)][seed][row["metric"]] = float(row["value"])
    print("| searches | lambda_path | seeds | share of the architecture gradient norm, mean (sd): "
          "cross-entropy / skip / non-skip / path | parametric depth, normal cell | skips | decided beyond the "
          "null (of 4) | inputs on the chain edges (of 8) | supernet train acc | derived cell, held-out acc |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for kind in ("real", "null"):
        for lam in sorted(l for k, l in runs if k == kind):
            seeds = runs[(kind, lam)]
            order = sorted(seeds)

            def share(term):
                v = [seeds[s].get("gradientShare." + term, float("nan")) for s in order]
                if len(v) < 2:
                    return "%.3f" % v[0]
                return "%.3f (%.3f)" % (statistics.mean(v), statistics.stdev(v))

            def each(metric, fmt="%d"):
                return " ".join(fmt % seeds[s][metric] if metric in seeds[s] else "-" for s in order)

            print("| %s | %g | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                "real" if kind == "real" else "null (labels shuffled)", lam, " ".join(map(str, order)),
                " / ".join(share(t) for t in ("crossEntropy", "skip", "nonskip", "path")),
                each("parametricDepthNormal"), each("skipNormal"), each("decidedBeyondNullNormal"),
                each("chainInputsNormal"), each("trainAcc", "%.2f"), each("derivedHeldOutAcc", "%.2f")))


if __name__ == "__main__":
    main()
