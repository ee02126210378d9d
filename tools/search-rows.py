#!/usr/bin/env python3
"""Appends the final-epoch figures of search run directories to a CSV record file, in the columns
of `prdarts bench --record` (commit,date,machine,command,config,method,metric,value): the node
margins of both cells, the analytic noise scale, the logit spreads, decided nodes (analytic and
against the calibrated null), parametric depth, epochs, search seconds, accuracies, and for
PR-DARTS each term's share of the architecture gradient; from genotype.json, how many of the
normal cell's 8 inputs lie on the chain edges the path term rewards (c_{k-1} -> node 0 -> node 1 ->
...) and how many come from c_{k-2}. The command is read from the run's
manifest, the configuration names labels shuffled or not, the seed and the path-term lambda.
A training run directory (one with eval.json, as a study's train-* sub-runs) gives its test
accuracy and loss, epochs and training seconds, configured by the cell it trained and its
training seed.

    tools/search-rows.py RECORD.csv RUN_DIR...
"""
import csv
import json
import os
import sys

HEADER = ["commit", "date", "machine", "command", "config", "method", "metric", "value"]


def last_line(path):
    with open(path) as f:
        lines = [l for l in f if l.strip()]
    return json.loads(lines[-1]), len(lines)


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d cores" % (cpu or os.uname().machine, os.cpu_count())


def rows(run):
    if os.path.exists(os.path.join(run, "eval.json")):
        return training_rows(run)
    manifest = json.load(open(os.path.join(run, "manifest.json")))
    config = json.load(open(os.path.join(run, "config.json")))
    last, epochs = last_line(os.path.join(run, "metrics.jsonl"))
    s = config["search"]
    label = "null (labels shuffled)" if s.get("instruments", {}).get("shuffledLabels") else "real"
    lam = s.get("prdarts", {}).get("regularizer", {}).get("lambdaPath")
    # with a time budget the configured epochs are only the first guess; the epochs row holds the count
    budget = s.get("timeBudgetSeconds", 0)
    cfg = "%s, seed %s, time %ss, epochs %s, warm-up %s, lambdaPath %s, %dx%d images" % (
        label, s["seed"], budget, "by time" if budget else s.get("epochs"), s.get("warmupEpochs", 0), lam,
        config["data"].get("subset", 0), config["data"].get("imageSize", 0))
    out = []
    for cell in ("Normal", "Reduce"):
        for i, m in enumerate(last["margins" + cell]):
            out.append((cfg, "margin%sNode%d" % (cell, i), m))
        out.append((cfg, "archSpread" + cell, last["archSpread" + cell]))
        out.append((cfg, "decidedNodes" + cell, last["decidedNodes" + cell]))
        out.append((cfg, "decidedBeyondNull" + cell, last.get("decidedBeyondNull" + cell, float("nan"))))
    for key in ("archNoise", "archLr", "parametricDepthNormal", "skipNormal", "trainAcc", "validAcc",
                "derivedHeldOutAcc"):
        if key in last and last[key] is not None:
            out.append((cfg, key, last[key]))
    out.append((cfg, "epochs", epochs))
    genotype = os.path.join(run, "genotype.json")
    if os.path.exists(genotype):
        normal = json.load(open(genotype))["normal"]
        # pair k feeds node k // 2; its chain edge is the node before it (c_{k-1} for node 0: input 1)
        out.append((cfg, "chainInputsNormal", sum(1 for k, e in enumerate(normal) if e["input"] == k // 2 + 1)))
        out.append((cfg, "inputsFromKMinus2Normal", sum(1 for e in normal if e["input"] == 0)))
    for term, share in (last.get("archGradientShares") or {}).items():
        out.append((cfg, "gradientShare." + term, share))
    commit, started, command = provenance(manifest)
    return [(commit, started, command, c, s["method"], k, v) for c, k, v in out]


def training_rows(run):
    """Test accuracy and loss, epochs and seconds of a finished training run."""
    manifest = json.load(open(os.path.join(run, "manifest.json")))
    config = json.load(open(os.path.join(run, "config.json")))
    result = json.load(open(os.path.join(run, "eval.json")))
    with open(os.path.join(run, "metrics.jsonl")) as f:
        epochs = [json.loads(l) for l in f if l.strip()]
    train = config["train"]
    cfg = "cell %s, train seed %s, preset %s, C=%s L=%s, %s epochs, %s images, side %s" % (
        config.get("genotypeSource", "?"), train["seed"], config.get("preset"), config["channels"],
        config["layers"], train["epochs"], config["data"].get("subset") or "all",
        config["data"].get("imageSize") or "as stored")
    out = [(cfg, "testAccuracy", result["accuracy"]), (cfg, "testLoss", result["loss"]),
           (cfg, "epochs", len(epochs)), (cfg, "trainSeconds", sum(e.get("seconds", 0) for e in epochs))]
    commit, started, command = provenance(manifest)
    return [(commit, started, command, c, "train", k, v) for c, k, v in out]


def provenance(manifest):
    """The commit (with -dirty), start time and command line a run's manifest records."""
    commit = manifest.get("gitCommit") or "unknown"
    if manifest.get("gitDirty"):
        commit += "-dirty"
    started = manifest.get("startTime") or ""
    words = manifest.get("commandLine", [])
    command = " ".join(words if words[:1] == ["prdarts"] else ["prdarts"] + words)
    return commit, started, command


def append(record, rows):
    """Appends (commit, date, command, config, method, metric, value) rows to RECORD.csv with this
    machine's name, writing the header first when the file is new."""
    new = not os.path.exists(record) or os.path.getsize(record) == 0
    host = machine()
    with open(record, "a", newline="") as f:
        w = csv.writer(f)
        if new:
            w.writerow(HEADER)
        for commit, started, command, cfg, method, metric, value in rows:
            w.writerow([commit, started, host, command, cfg, method, metric, value])


def main():
    if len(sys.argv) < 3 or sys.argv[1].startswith("-"):
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        sys.exit(2)
    record, runs = sys.argv[1], sys.argv[2:]
    append(record, [row for run in runs for row in rows(run)])


if __name__ == "__main__":
    main()
